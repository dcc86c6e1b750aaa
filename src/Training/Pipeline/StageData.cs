using InstructGpt.Training.Data;

namespace InstructGpt.Training.Pipeline;

/// <summary>
/// A stage's datasets by role, each read whole (and so validated, errors naming file, line and field) before training
/// starts. The format follows from the stage and the role: text for pretraining, demonstrations for SFT and comparison
/// sampling, comparisons for the RM, prompts for PPO.
/// </summary>
public sealed class StageData
{
    private readonly Dictionary<string, object> records = new();

    /// <summary>Role → the file it was read from.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    private StageData(IReadOnlyDictionary<string, string> files) => Files = files;

    public static StageData Read(string stage, IReadOnlyDictionary<string, string?> files, TrainingPreset preset)
    {
        var present = files.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);
        var data = new StageData(present);
        foreach (var (role, path) in files)
        {
            if (path is null)
            {
                // The world's default file is missing; only PPO's pretraining text may be, when γ = 0.
                var optional = role == StageDatasets.Pretraining && stage == PipelineStages.Ppo && preset.Ppo.PtxCoefficient == 0;
                if (!optional)
                    throw new FileNotFoundException($"datasets.{role}: the {stage} stage needs it and the home has no default ({StageDatasets.DefaultsOf(stage)[role]}.jsonl under data/); build the world (instructgpt data build) or name a dataset");
                continue;
            }
            data.records[role] = (stage, role) switch
            {
                (PipelineStages.Pretrain, _) or (_, StageDatasets.Pretraining) => TextDataset.Read(path).Select(r => r.Text).ToList(),
                (PipelineStages.RewardModel, StageDatasets.Train or StageDatasets.Valid) => ComparisonDataset.Read(path),
                (PipelineStages.Ppo or PipelineStages.PpoPtx, StageDatasets.Prompts) => PromptDataset.Read(path).Select(p => p.Prompt).ToList(),
                _ => (object)DemonstrationDataset.Read(path),
            };
        }
        return data;
    }

    public IReadOnlyList<string> Texts(string role) => (IReadOnlyList<string>)records[role];
    public IReadOnlyList<string> TextsOrEmpty(string role) => records.TryGetValue(role, out var texts) ? (IReadOnlyList<string>)texts : [];
    public IReadOnlyList<string> Prompts(string role) => (IReadOnlyList<string>)records[role];
    public IReadOnlyList<Demonstration> Demonstrations(string role) => (IReadOnlyList<Demonstration>)records[role];
    public IReadOnlyList<Comparison> Comparisons(string role) => (IReadOnlyList<Comparison>)records[role];
}
