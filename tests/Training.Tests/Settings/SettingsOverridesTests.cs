using InstructGpt.Training.Pipeline;

namespace InstructGpt.Training.Tests.Settings;

/// <summary><c>Name=value</c> is parsed once into typed overrides, and every error names the override as it was given.</summary>
public class SettingsOverridesTests
{
    [Fact]
    public void AStagesOwnAssignmentsSplitIntoTypedOverridesThatPrintAsGiven()
    {
        var overrides = SettingsOverrides.Split(["Epochs=2", "LearningRate=1e-4"], PipelineStages.Sft);
        Assert.Equal([new SettingOverride("Epochs", "sft", "Epochs", "2"), new SettingOverride("LearningRate", "sft", "LearningRate", "1e-4")], overrides);
        Assert.Equal(["Epochs=2", "LearningRate=1e-4"], overrides.Select(o => o.ToString()));
    }

    [Fact]
    public void PipelineAssignmentsCarryTheirStageAndTheLongestPrefixWins()
    {
        var overrides = SettingsOverrides.Split(["ppo-ptx.KlCoefficient=0.05", "RM.Epochs=2"]);
        Assert.Equal(new SettingOverride("ppo-ptx.KlCoefficient", "ppo-ptx", "KlCoefficient", "0.05"), overrides[0]);
        Assert.Equal(new SettingOverride("RM.Epochs", "rm", "Epochs", "2"), overrides[1]);
        var preset = SettingsOverrides.Apply(TrainingPresets.Get("micro"), overrides);
        Assert.Equal(0.05, preset.PpoPtx.KlCoefficient);
        Assert.Equal(TrainingPresets.Get("micro").Ppo.KlCoefficient, preset.Ppo.KlCoefficient);
        Assert.Equal(2, preset.RewardModel.Epochs);
    }

    [Theory]
    [InlineData("Epochs=2", null, "Epochs", "prefix the setting with its stage")]
    [InlineData("Epochs", "sft", "Epochs", "expects Name=value, got 'Epochs'")]
    [InlineData("sft.Epochs=", null, "sft.Epochs", "Epochs must be an integer in [1, 1000] (got )")]
    [InlineData("Epochs=0", "sft", "Epochs", "Epochs must be an integer in [1, 1000] (got 0)")]
    [InlineData("Epochs=1.5", "sft", "Epochs", "Epochs must be an integer in [1, 1000] (got 1.5)")]
    [InlineData("Nope=1", "rm", "Nope", "RewardModelSettings has no setting 'Nope'")]
    [InlineData("=1", "rm", "=1", "expects Name=value, got '=1'")]
    public void ABadOverrideIsReportedByItsNameWithWhatItTakes(string assignment, string? stage, string key, string fragment)
    {
        var e = Assert.Throws<SettingOverrideException>(() => SettingsOverrides.Apply(TrainingPresets.Get("micro"), SettingsOverrides.Split([assignment], stage)));
        Assert.Equal(key, e.Key);
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain("--set", e.Message);
    }

    [Fact]
    public void OneAtATimeGivesWhatTheCliGaveAllAtOnce()
    {
        // The API applies overrides one by one to name the bad one; the values must be those of one combined application.
        var preset = SettingsOverrides.ApplyToPreset(TrainingPresets.Get("tiny"), ["sft.LearningRate=3e-4", "sft.Epochs=3", "sft.LearningRate=1e-4", "comparisons.OtherPolicies={\"base\": 0.25}"]);
        Assert.Equal(1e-4, preset.Sft.LearningRate);
        Assert.Equal(3, preset.Sft.Epochs);
        Assert.Equal(0.25, preset.Comparisons.OtherPolicies["base"]);
    }
}
