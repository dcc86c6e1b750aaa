// Encode throughput of BpeTokenizer with GPT-2's vocabulary, on one thread, in MB of UTF-8 text per second.
//
//   dotnet run -c Release --project bench/Tokenizer.Bench -- [--vocab DIR] [--train VOCAB_SIZE] [--peer ROUNDS] [TEXT ...]
//
// TEXT is any number of files or folders (read recursively; *.jsonl files hold one JSON string per line). Without
// TEXT it uses the test corpus, tests/Inference.Tests/Data/corpus/{real-text,hard-cases}.jsonl (1.2 MB). "cold" starts from an empty piece cache,
// as after loading; "warm" encodes the same text again. --train also times BpeTokenizer.Train on the same text.
// --peer ROUNDS instead compares ids, encode and decode speed with Microsoft.ML.Tokenizers' GPT-2 tokenizers
// (PeerComparison) over ROUNDS alternating rounds.
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using InstructGpt.Inference.Tokenization;

var repository = FindRepository();
var vocabDirectory = Path.Combine(repository, "tests", "Inference.Tests", "Data", "gpt2");
var trainVocabSize = 0;
var peerRounds = 0;
var inputs = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--vocab": vocabDirectory = args[++i]; break;
        case "--train": trainVocabSize = int.Parse(args[++i]); break;
        case "--peer": peerRounds = int.Parse(args[++i]); break;
        default: inputs.Add(args[i]); break;
    }
}
if (inputs.Count == 0)
{
    var corpus = Path.Combine(repository, "tests", "Inference.Tests", "Data", "corpus");
    inputs.AddRange([Path.Combine(corpus, "real-text.jsonl"), Path.Combine(corpus, "hard-cases.jsonl")]);
}

var documents = inputs.SelectMany(ReadDocuments).ToList();
var bytes = documents.Sum(d => (long)Encoding.UTF8.GetByteCount(d));
Console.WriteLine($"text: {documents.Count} documents, {bytes / 1e6:F2} MB of UTF-8 from {string.Join(", ", inputs)}");
if (peerRounds > 0)
{
    PeerComparison.Run(documents, bytes, vocabDirectory, peerRounds);
    return;
}

var load = Stopwatch.StartNew();
var tokenizer = BpeTokenizer.Load(vocabDirectory);
Console.WriteLine($"load: {load.Elapsed.TotalMilliseconds:F0} ms ({tokenizer.VocabSize} tokens from {vocabDirectory})");

// Wall-clock MB/s depends on what else the machine runs; MB per CPU-second (all of this process's threads, so JIT
// and GC included) is the single-core speed even on a shared machine.
var process = Process.GetCurrentProcess();
foreach (var pass in new[] { "cold", "warm" })
{
    long tokens = 0;
    process.Refresh();
    TimeSpan cpuBefore = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    foreach (var document in documents)
    {
        tokens += tokenizer.Encode(document).Length;
    }
    watch.Stop();
    process.Refresh();
    var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    Console.WriteLine($"encode ({pass}): {bytes / 1e6 / watch.Elapsed.TotalSeconds:F2} MB/s wall, {bytes / 1e6 / cpuSeconds:F2} MB per CPU-second; " +
        $"{tokens} tokens in {watch.Elapsed.TotalSeconds:F3} s ({bytes / (double)tokens:F2} bytes/token)");
}

if (trainVocabSize > 0)
{
    var watch = Stopwatch.StartNew();
    var trained = BpeTokenizer.Train(documents, trainVocabSize);
    watch.Stop();
    var tokens = documents.Sum(d => (long)trained.Encode(d).Length);
    Console.WriteLine($"train: {trained.VocabSize} tokens from {bytes / 1e6:F2} MB in {watch.Elapsed.TotalSeconds:F2} s ({bytes / (double)tokens:F2} bytes/token on the same text)");
}

static IEnumerable<string> ReadDocuments(string path)
{
    if (Directory.Exists(path))
    {
        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).SelectMany(ReadDocuments);
    }
    if (path.EndsWith(".jsonl", StringComparison.Ordinal))
    {
        return File.ReadLines(path).Select(line => JsonSerializer.Deserialize<string>(line)!);
    }
    return [File.ReadAllText(path)];
}

static string FindRepository()
{
    for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "InstructGpt.sln")))
        {
            return directory.FullName;
        }
    }
    throw new InvalidOperationException("Run the benchmark from inside the repository (it looks for InstructGpt.sln above the current folder).");
}
