namespace InstructGpt.Inference.Tokenization;

/// <summary>What <see cref="BpeTokenizer.Encode(string, SpecialTokenHandling)"/> does with <c>&lt;|endoftext|&gt;</c> in its text.</summary>
public enum SpecialTokenHandling
{
    /// <summary>Each occurrence becomes the single id <see cref="BpeTokenizer.EndOfTextId"/>, as in Hugging Face's tokenizers
    /// and tiktoken's <c>allowed_special="all"</c>. For text we assembled ourselves, such as documents joined for training.</summary>
    Recognize,

    /// <summary>It is encoded like any other text ("&lt;", "|", "end", ...), as in GPT-2's encoder.py. For text a user
    /// typed, so it cannot end a document early.</summary>
    AsPlainText,
}
