using InstructGpt.Inference.Model;

namespace InstructGpt.Training.Stages;

/// <summary>
/// The four models PPO needs: the policy (from SFT, trained), the value model (from the RM, trained),
/// the frozen SFT reference for the KL penalty, and the frozen reward model. Dropout is off in all.
/// </summary>
public sealed record PpoModels(GptLanguageModel Policy, GptValueModel Value, GptLanguageModel Reference, GptRewardModel Reward) : IDisposable
{
    public void Dispose()
    {
        Policy.Dispose();
        Value.Dispose();
        Reference.Dispose();
        Reward.Dispose();
    }
}
