using InstructGpt.Inference.Tokenization;

namespace InstructGpt.Inference.Serving;

/// <summary>Reads the tokenizer of a checkpoint directory (vocab.json and merges.txt for ours).</summary>
public delegate ITokenizer TokenizerLoader(string checkpointDirectory);
