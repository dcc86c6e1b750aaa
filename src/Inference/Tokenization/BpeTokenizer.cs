using System.Text;

namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// GPT-2's byte-level BPE tokenizer (Radford et al., 2019, "Language Models are Unsupervised Multitask Learners",
/// §2.2): text becomes UTF-8 bytes, is split into pieces by GPT-2's pattern, and each piece's bytes are merged by
/// rank into tokens. Any string encodes, and decoding gives it back. Reads and writes Hugging Face's vocab.json and
/// merges.txt (the same content as GPT-2's encoder.json and vocab.bpe), and trains new vocabularies.
/// Immutable apart from an internal cache, so one instance may encode from many threads.
/// </summary>
public sealed class BpeTokenizer : ITokenizer
{
    /// <summary>GPT-2's only special token: it separates documents, and ends a completion.</summary>
    public const string EndOfText = "<|endoftext|>";

    // About 100 bytes a piece, so the cache stays near 10 MB; a few MB of English text uses fewer distinct pieces.
    private const int PieceCacheCapacity = 100_000;

    private readonly string[] tokens;
    private readonly byte[][] bytesOfToken;
    private readonly (int Left, int Right)[] merges;
    private readonly MergeTable mergeTable;
    private readonly int[] idOfByte = new int[256];
    private readonly PieceCache cache = new(PieceCacheCapacity);

    /// <param name="tokens">Every token spelled in <see cref="ByteLevelAlphabet"/>, indexed by id; one of them is <see cref="EndOfText"/>.</param>
    /// <param name="merges">Pairs of ids, highest priority first; each pair's concatenation must be a token.</param>
    internal BpeTokenizer(string[] tokens, IReadOnlyList<(int Left, int Right)> merges)
    {
        this.tokens = tokens;
        this.merges = merges.ToArray();
        var idOfToken = IdOfToken(tokens);

        bytesOfToken = new byte[tokens.Length][];
        for (var id = 0; id < tokens.Length; id++)
        {
            bytesOfToken[id] = BytesOf(tokens[id]); // <|endoftext|> is printable ASCII, so it is its own spelling too
        }
        for (var b = 0; b < 256; b++)
        {
            idOfByte[b] = idOfToken.TryGetValue(ByteLevelAlphabet.ToChar((byte)b).ToString(), out var id)
                ? id
                : throw new ArgumentException($"No token stands for the byte 0x{b:X2}.", nameof(tokens));
        }
        EndOfTextId = idOfToken.TryGetValue(EndOfText, out var endOfText)
            ? endOfText
            : throw new ArgumentException($"The vocabulary has no {EndOfText}.", nameof(tokens));

        var mergedIds = this.merges.Select(m => idOfToken[tokens[m.Left] + tokens[m.Right]]).ToArray();
        mergeTable = new MergeTable(this.merges, mergedIds);
    }

    /// <summary>Reads <c>vocab.json</c> and <c>merges.txt</c> from <paramref name="directory"/>, as in a Hugging Face GPT-2 checkpoint.</summary>
    /// <exception cref="TokenizerFileException">A file is malformed; the message names the file and line.</exception>
    public static BpeTokenizer Load(string directory) =>
        FromFiles(Path.Combine(directory, VocabFile.FileName), Path.Combine(directory, MergesFile.FileName));

    /// <summary>Reads a vocabulary (token → id JSON, like vocab.json or GPT-2's encoder.json) and its merges (like merges.txt or vocab.bpe).</summary>
    /// <exception cref="TokenizerFileException">A file is malformed; the message names the file and line.</exception>
    public static BpeTokenizer FromFiles(string vocabPath, string mergesPath)
    {
        var tokens = VocabFile.Read(vocabPath);
        var idOfToken = IdOfToken(tokens);
        for (var b = 0; b < 256; b++)
        {
            var spelling = ByteLevelAlphabet.ToChar((byte)b);
            if (!idOfToken.ContainsKey(spelling.ToString()))
            {
                throw new TokenizerFileException(vocabPath, null,
                    $"no token stands for the byte 0x{b:X2} (spelled \"{spelling}\"); a byte-level BPE vocabulary needs all 256 bytes as tokens");
            }
        }
        if (!idOfToken.ContainsKey(EndOfText))
        {
            throw new TokenizerFileException(vocabPath, null, $"the vocabulary has no {EndOfText} token");
        }
        var merges = MergesFile.Read(mergesPath, idOfToken);
        return new BpeTokenizer(tokens, merges);
    }

    /// <summary>
    /// Learns a byte-level BPE vocabulary of exactly <paramref name="vocabSize"/> tokens from <paramref name="corpus"/>:
    /// the 256 bytes, then one token per merge in the order learned, then <see cref="EndOfText"/>, as in GPT-2's
    /// vocabulary. The same corpus always gives the same vocabulary.
    /// </summary>
    /// <param name="corpus">Documents; <see cref="EndOfText"/> inside one is treated as a boundary between documents.</param>
    /// <exception cref="ArgumentException">The corpus is too small to make that many distinct tokens.</exception>
    public static BpeTokenizer Train(IEnumerable<string> corpus, int vocabSize)
    {
        var (tokens, merges) = BpeTrainer.Train(corpus, vocabSize);
        return new BpeTokenizer(tokens, merges);
    }

    /// <summary>Writes <c>vocab.json</c> and <c>merges.txt</c> into <paramref name="directory"/>, each replaced atomically.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        VocabFile.Write(Path.Combine(directory, VocabFile.FileName), tokens);
        MergesFile.Write(Path.Combine(directory, MergesFile.FileName), tokens, merges);
    }

    public int VocabSize => tokens.Length;

    public int EndOfTextId { get; }

    /// <summary>Encodes <paramref name="text"/>, with each <see cref="EndOfText"/> in it as <see cref="EndOfTextId"/>.</summary>
    public int[] Encode(string text) => Encode(text, SpecialTokenHandling.Recognize);

    public int[] Encode(string text, SpecialTokenHandling specialTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 1);
        ReadOnlySpan<char> rest = text;
        if (specialTokens == SpecialTokenHandling.Recognize)
        {
            int at;
            while ((at = rest.IndexOf(EndOfText, StringComparison.Ordinal)) >= 0)
            {
                EncodeOrdinary(rest[..at], ids);
                ids.Add(EndOfTextId);
                rest = rest[(at + EndOfText.Length)..];
            }
        }
        EncodeOrdinary(rest, ids);
        return ids.ToArray();
    }

    /// <summary>The text of <paramref name="ids"/>; bytes that are not valid UTF-8 become U+FFFD, as with Hugging Face's errors="replace".</summary>
    public string Decode(IReadOnlyList<int> ids) => Encoding.UTF8.GetString(DecodeBytes(ids));

    public byte[] DecodeBytes(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var length = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            length += BytesOf(ids[i], nameof(ids)).Length;
        }
        var bytes = new byte[length];
        var offset = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var token = bytesOfToken[ids[i]];
            token.CopyTo(bytes, offset);
            offset += token.Length;
        }
        return bytes;
    }

    /// <summary>The raw bytes of one token, which need not be whole UTF-8 characters (for per-token log-probabilities).</summary>
    public byte[] TokenBytes(int id) => (byte[])BytesOf(id, nameof(id)).Clone();

    private void EncodeOrdinary(ReadOnlySpan<char> text, List<int> ids)
    {
        while (!text.IsEmpty)
        {
            var length = PreTokenizer.NextPieceLength(text);
            ReadOnlySpan<char> piece = text[..length];
            if (!cache.TryGet(piece, out var pieceIds))
            {
                pieceIds = EncodePiece(piece);
                cache.Add(piece, pieceIds);
            }
            ids.AddRange(pieceIds);
            text = text[length..];
        }
    }

    private int[] EncodePiece(ReadOnlySpan<char> piece)
    {
        // A lone surrogate becomes EF BF BD (U+FFFD), as in JavaScript's TextEncoder and the pre-tokenizer's classes.
        var maxBytes = Encoding.UTF8.GetMaxByteCount(piece.Length);
        Span<byte> utf8 = maxBytes <= 1024 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        utf8 = utf8[..Encoding.UTF8.GetBytes(piece, utf8)];

        Span<int> symbols = utf8.Length <= 256 ? stackalloc int[utf8.Length] : new int[utf8.Length];
        for (var i = 0; i < utf8.Length; i++)
        {
            symbols[i] = idOfByte[utf8[i]];
        }
        var count = BytePairMerge.Apply(symbols, mergeTable);
        return symbols[..count].ToArray();
    }

    private byte[] BytesOf(int id, string parameterName) =>
        (uint)id < (uint)bytesOfToken.Length
            ? bytesOfToken[id]
            : throw new ArgumentOutOfRangeException(parameterName, id, $"Token ids run from 0 to {bytesOfToken.Length - 1}.");

    private static byte[] BytesOf(string token)
    {
        var bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            bytes[i] = ByteLevelAlphabet.TryToByte(token[i], out var b)
                ? b
                : throw new ArgumentException($"The token \"{token}\" has a character outside the byte-level alphabet.", nameof(token));
        }
        return bytes;
    }

    private static Dictionary<string, int> IdOfToken(string[] tokens)
    {
        var idOfToken = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Length; id++)
        {
            if (!idOfToken.TryAdd(tokens[id], id))
            {
                throw new ArgumentException($"The token \"{tokens[id]}\" appears twice.", nameof(tokens));
            }
        }
        return idOfToken;
    }
}
