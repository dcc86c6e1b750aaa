using InstructGpt.Training.Data;

namespace InstructGpt.Training.Pipeline;

/// <summary>The world's datasets, read (and so validated) up front, before any training starts.</summary>
public sealed record PipelineData
{
    public required IReadOnlyList<string> PretrainTrain { get; init; }
    public required IReadOnlyList<string> PretrainValid { get; init; }
    public required IReadOnlyList<Demonstration> SftTrain { get; init; }
    public required IReadOnlyList<Demonstration> SftValid { get; init; }
    /// <summary>RM prompts with their reference demonstrations (the labeler judges against them; the RM bias is normalised on them).</summary>
    public required IReadOnlyList<Demonstration> RmTrain { get; init; }
    public required IReadOnlyList<Demonstration> RmValid { get; init; }
    public required IReadOnlyList<string> PpoPrompts { get; init; }
    /// <summary>Name (file name without .jsonl) → path, for the hashes recorded in checkpoints.</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }

    public static PipelineData Load(PipelineLayout layout)
    {
        string File(string name) => layout.DataFile(name + ".jsonl");
        var names = new[] { "pretrain.train", "pretrain.valid", "sft.train", "sft.valid", "rm.train.demonstrations", "rm.valid.demonstrations", "ppo.train" };
        return new PipelineData
        {
            PretrainTrain = TextDataset.Read(File("pretrain.train")).Select(r => r.Text).ToList(),
            PretrainValid = TextDataset.Read(File("pretrain.valid")).Select(r => r.Text).ToList(),
            SftTrain = DemonstrationDataset.Read(File("sft.train")),
            SftValid = DemonstrationDataset.Read(File("sft.valid")),
            RmTrain = DemonstrationDataset.Read(File("rm.train.demonstrations")),
            RmValid = DemonstrationDataset.Read(File("rm.valid.demonstrations")),
            PpoPrompts = PromptDataset.Read(File("ppo.train")).Select(p => p.Prompt).ToList(),
            Files = names.ToDictionary(n => n, File),
        };
    }
}
