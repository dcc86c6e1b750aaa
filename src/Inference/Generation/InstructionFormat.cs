namespace InstructGpt.Inference.Generation;

/// <summary>
/// How an instruction is laid out for the model: the prompt, then a newline, then the answer, then
/// &lt;|endoftext|&gt;. The newline matches the pretraining text, which puts one prompt-like item per line
/// (docs/datasets.md), so a base model reads "prompt\n" as a place to continue and a fine-tuned one as a
/// place to answer. SFT, the reward model, PPO and evaluation all use this one layout.
/// </summary>
public static class InstructionFormat
{
    public const string Separator = "\n";

    /// <summary>The text a model is given to answer <paramref name="prompt"/>.</summary>
    public static string Query(string prompt) => prompt + Separator;
}
