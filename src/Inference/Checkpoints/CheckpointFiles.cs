namespace InstructGpt.Inference.Checkpoints;

/// <summary>The file names of a checkpoint directory, the same as a Hugging Face GPT-2 model's.</summary>
public static class CheckpointFiles
{
    public const string Config = "config.json";
    public const string Weights = "model.safetensors";
    public const string Vocabulary = "vocab.json";
    public const string Merges = "merges.txt";
    public const string Metadata = "instructgpt.json";
}
