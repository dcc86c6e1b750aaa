using InstructGpt.Training.Pipeline;
using InstructGpt.Training.Settings;
using InstructGpt.Training.Stages;

namespace InstructGpt.Training.Tests.Settings;

public class SettingsValidationTests
{
    [Theory]
    [InlineData("micro")]
    [InlineData("tiny")]
    [InlineData("small")]
    public void EveryPresetSettingIsInItsRange(string name)
    {
        var preset = TrainingPresets.Get(name);
        foreach (var settings in new object[] { preset.Pretrain, preset.Sft, preset.Comparisons, preset.RewardModel, preset.Ppo, preset.PpoPtx })
            Assert.Empty(SettingsValidation.RangeProblems(settings));
        SettingsOverrides.RequireConsistent(preset);
    }

    [Fact]
    public void OverridesOutsideTheRangeAreRefusedWithTheRange()
    {
        var tiny = TrainingPresets.Get("tiny");
        var e = Assert.Throws<SettingOverrideException>(() => SettingsOverrides.ApplyToPreset(tiny, ["sft.LearningRate=-1"]));
        Assert.Equal("LearningRate must be in (0, 1] (got -1)", e.Message);
        Assert.Equal("sft.LearningRate", e.Key);
        e = Assert.Throws<SettingOverrideException>(() => SettingsOverrides.ApplyToPreset(tiny, ["pretrain.BatchSize=0"]));
        Assert.Equal("BatchSize must be an integer in [1, 4096] (got 0)", e.Message);
        Assert.Throws<InconsistentSettingsException>(() => SettingsOverrides.ApplyToPreset(tiny, ["ppo.MinibatchSize=128", "ppo.BatchSize=64"]));
        // Together they are fine in either order: consistency is checked once all overrides are in.
        var ok = SettingsOverrides.ApplyToPreset(tiny, ["ppo.MinibatchSize=128", "ppo.BatchSize=256"]);
        Assert.Equal(128, ok.Ppo.MinibatchSize);
    }

    [Fact]
    public void EverySettingHasARangeOrIsABooleanOrAMap()
    {
        foreach (var (stage, defaults) in SettingsOverrides.StageDefaults)
            foreach (var property in defaults.GetType().GetProperties().Where(p => p.CanWrite))
            {
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var hasRange = property.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RangeAttribute), false).Length > 0;
                Assert.True(hasRange || type == typeof(bool) || type.IsGenericType, $"{stage}.{property.Name} has no [Range]");
            }
    }

    [Fact]
    public void TheReadmeTableIsTheOneTheValidatorUses()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        const string begin = "<!-- settings-table:begin (generated from the settings records' [Range] attributes; SettingsValidationTests checks it) -->\n";
        const string end = "<!-- settings-table:end -->";
        var start = readme.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no settings table");
        var stop = readme.IndexOf(end, start, StringComparison.Ordinal);
        Assert.Equal(SettingsValidation.MarkdownTable(SettingsOverrides.StageDefaults), readme[(start + begin.Length)..stop]);
    }
}
