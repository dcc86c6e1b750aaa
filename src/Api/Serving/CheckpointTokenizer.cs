using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Api.Serving;

/// <summary>The tokenizer of a checkpoint directory: vocab.json and merges.txt, GPT-2's byte-level BPE files.</summary>
public static class CheckpointTokenizer
{
    public static ITokenizer Load(string checkpointDirectory) => BpeTokenizer.Load(checkpointDirectory);
}
