using System.Text;

namespace InstructGpt.Inference.Tokenization;

/// <summary>
/// Learns byte-level BPE merges (Sennrich et al., 2016, "Neural Machine Translation of Rare Words with Subword
/// Units", Algorithm 1, over bytes as in GPT-2): start from the 256 bytes and repeatedly merge the most frequent
/// adjacent pair of tokens into a new token.
/// </summary>
/// <remarks>
/// The corpus is first reduced to its distinct pre-token pieces with their counts (merges never cross pieces), and
/// pair counts are kept up to date incrementally: a merge only rewrites the pieces that contain its pair, and only
/// the counts of pairs in those pieces change. Ties between equally frequent pairs go to the pair with the smaller
/// (left id, right id), so the result depends only on the corpus.
/// </remarks>
internal static class BpeTrainer
{
    private const int ByteTokenCount = 256;

    public static (string[] Tokens, List<(int Left, int Right)> Merges) Train(IEnumerable<string> corpus, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        // The bytes and <|endoftext|> are always there.
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, ByteTokenCount + 1);

        var tokens = new List<string>(vocabSize);
        foreach (var b in ByteLevelAlphabet.ByteOrder)
        {
            tokens.Add(ByteLevelAlphabet.ToChar(b).ToString());
        }
        var idOfToken = Enumerable.Range(0, tokens.Count).ToDictionary(id => tokens[id], StringComparer.Ordinal);
        var merges = new List<(int Left, int Right)>();

        var pieces = CountPieces(corpus);
        var state = new PairCounts(pieces, idOfToken);
        while (tokens.Count < vocabSize - 1)
        {
            if (!state.TryTakeMostFrequent(out var left, out var right))
            {
                throw new ArgumentException(
                    $"The corpus has too few distinct byte pairs for {vocabSize} tokens: it ran out after {tokens.Count + 1}. " +
                    "Train on more text or ask for a smaller vocabulary.", nameof(corpus));
            }
            // Two different merges can spell the same bytes ("a"+"bc" and "ab"+"c"); the token then keeps its first id.
            var merged = tokens[left] + tokens[right];
            if (!idOfToken.TryGetValue(merged, out var mergedId))
            {
                mergedId = tokens.Count;
                tokens.Add(merged);
                idOfToken.Add(merged, mergedId);
            }
            merges.Add((left, right));
            state.Merge(left, right, mergedId);
        }
        tokens.Add(BpeTokenizer.EndOfText);
        return (tokens.ToArray(), merges);
    }

    /// <summary>Each distinct pre-token piece of the corpus with how often it occurs.</summary>
    private static Dictionary<string, long> CountPieces(IEnumerable<string> corpus)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var bySpan = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var document in corpus)
        {
            // <|endoftext|> separates documents; no learned token should span it or contain it.
            foreach (var part in document.Split(BpeTokenizer.EndOfText))
            {
                ReadOnlySpan<char> rest = part;
                while (!rest.IsEmpty)
                {
                    var length = PreTokenizer.NextPieceLength(rest);
                    ReadOnlySpan<char> piece = rest[..length];
                    bySpan[piece] = bySpan.TryGetValue(piece, out var count) ? count + 1 : 1;
                    rest = rest[length..];
                }
            }
        }
        return counts;
    }

    /// <summary>
    /// The pieces as token sequences, how often each adjacent pair occurs over the whole corpus, which pieces
    /// contain each pair, and a priority queue that finds the most frequent pair.
    /// </summary>
    private sealed class PairCounts
    {
        private readonly int[][] symbolsOfWord;
        private readonly int[] lengthOfWord;
        private readonly long[] countOfWord;
        private readonly Dictionary<long, long> countOfPair = new(TokenPair.Comparer);
        // May list a word twice or list one that lost the pair; Merge checks each word it visits.
        private readonly Dictionary<long, List<int>> wordsWithPair = new(TokenPair.Comparer);
        // Stale entries (whose count has changed since) are skipped when they come to the top.
        private readonly PriorityQueue<long, (long Count, long Pair)> queue = new(MostFrequentFirst.Instance);
        private readonly int[] lastVisitedByMerge;
        private int mergeNumber;

        public PairCounts(Dictionary<string, long> pieces, Dictionary<string, int> idOfToken)
        {
            var count = pieces.Count;
            symbolsOfWord = new int[count][];
            lengthOfWord = new int[count];
            countOfWord = new long[count];
            lastVisitedByMerge = new int[count];
            int idOfSpelling(char c) => idOfToken[c.ToString()];
            var idOfByte = Enumerable.Range(0, 256).Select(b => idOfSpelling(ByteLevelAlphabet.ToChar((byte)b))).ToArray();

            var word = 0;
            foreach (var (piece, pieceCount) in pieces)
            {
                var utf8 = Encoding.UTF8.GetBytes(piece);
                symbolsOfWord[word] = Array.ConvertAll(utf8, b => idOfByte[b]);
                lengthOfWord[word] = utf8.Length;
                countOfWord[word] = pieceCount;
                for (var i = 0; i + 1 < utf8.Length; i++)
                {
                    var pair = TokenPair.Key(symbolsOfWord[word][i], symbolsOfWord[word][i + 1]);
                    countOfPair[pair] = countOfPair.GetValueOrDefault(pair) + pieceCount;
                    WordsWith(pair).Add(word);
                }
                word++;
            }
            foreach (var (pair, pairCount) in countOfPair)
            {
                queue.Enqueue(pair, (pairCount, pair));
            }
        }

        public bool TryTakeMostFrequent(out int left, out int right)
        {
            while (queue.TryDequeue(out var pair, out var priority))
            {
                if (countOfPair.TryGetValue(pair, out var current) && current == priority.Count && current > 0)
                {
                    (left, right) = (TokenPair.Left(pair), TokenPair.Right(pair));
                    return true;
                }
            }
            (left, right) = (-1, -1);
            return false;
        }

        /// <summary>Rewrites every word that contains (left, right) and updates the pair counts by the difference.</summary>
        public void Merge(int left, int right, int mergedId)
        {
            mergeNumber++;
            var mergedPair = TokenPair.Key(left, right);
            var change = new Dictionary<long, long>(TokenPair.Comparer);
            var gainedBy = new Dictionary<long, List<int>>(TokenPair.Comparer);
            foreach (var word in wordsWithPair[mergedPair])
            {
                if (lastVisitedByMerge[word] == mergeNumber)
                {
                    continue;
                }
                lastVisitedByMerge[word] = mergeNumber;
                MergeInWord(word, left, right, mergedId, change, gainedBy);
            }
            wordsWithPair.Remove(mergedPair);

            foreach (var (pair, delta) in change)
            {
                if (delta == 0)
                {
                    continue;
                }
                var updated = countOfPair.GetValueOrDefault(pair) + delta;
                if (updated > 0)
                {
                    countOfPair[pair] = updated;
                    queue.Enqueue(pair, (updated, pair));
                }
                else
                {
                    countOfPair.Remove(pair);
                }
            }
            foreach (var (pair, words) in gainedBy)
            {
                WordsWith(pair).AddRange(words);
            }
        }

        // Replaces each (left, right) in the word, left to right, and records how its pair counts change.
        private void MergeInWord(int word, int left, int right, int mergedId, Dictionary<long, long> change, Dictionary<long, List<int>> gainedBy)
        {
            var symbols = symbolsOfWord[word];
            var length = lengthOfWord[word];
            var count = countOfWord[word];
            if (!ContainsPair(symbols.AsSpan(0, length), left, right))
            {
                return; // it lost the pair to an earlier merge
            }

            for (var i = 0; i + 1 < length; i++)
            {
                Add(change, TokenPair.Key(symbols[i], symbols[i + 1]), -count);
            }
            var written = 0;
            for (var i = 0; i < length; i++)
            {
                if (i + 1 < length && symbols[i] == left && symbols[i + 1] == right)
                {
                    symbols[written++] = mergedId;
                    i++;
                }
                else
                {
                    symbols[written++] = symbols[i];
                }
            }
            lengthOfWord[word] = written;
            for (var i = 0; i + 1 < written; i++)
            {
                var pair = TokenPair.Key(symbols[i], symbols[i + 1]);
                Add(change, pair, count);
                if (symbols[i] == mergedId || symbols[i + 1] == mergedId)
                {
                    if (!gainedBy.TryGetValue(pair, out var words))
                    {
                        gainedBy[pair] = words = [];
                    }
                    words.Add(word);
                }
            }
        }

        private static bool ContainsPair(ReadOnlySpan<int> symbols, int left, int right)
        {
            for (var i = 0; i + 1 < symbols.Length; i++)
            {
                if (symbols[i] == left && symbols[i + 1] == right)
                {
                    return true;
                }
            }
            return false;
        }

        private List<int> WordsWith(long pair)
        {
            if (!wordsWithPair.TryGetValue(pair, out var words))
            {
                wordsWithPair[pair] = words = [];
            }
            return words;
        }

        private static void Add(Dictionary<long, long> change, long pair, long delta) =>
            change[pair] = change.GetValueOrDefault(pair) + delta;
    }

    /// <summary>Higher count first; among equal counts, the smaller (left, right) pair.</summary>
    private sealed class MostFrequentFirst : IComparer<(long Count, long Pair)>
    {
        public static readonly MostFrequentFirst Instance = new();

        public int Compare((long Count, long Pair) x, (long Count, long Pair) y) =>
            x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair);
    }
}
