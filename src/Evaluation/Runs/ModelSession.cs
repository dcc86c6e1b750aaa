using InstructGpt.Evaluation.Metrics;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Evaluation.Runs;

/// <summary>
/// One evaluated model's checkpoint, loaded on first use (a resumed run whose outputs are all stored never loads
/// it) and freed by <see cref="Dispose"/>. Generates answers and scores held-out text; the tensor work runs
/// synchronously inside each call, so no dispose scope outlives it.
/// </summary>
internal sealed class ModelSession(EvaluatedModel model, ScalarType dtype, Device? device) : IDisposable
{
    private GptLanguageModel? _model;
    private ITokenizer? _tokenizer;

    public EvaluatedModel Model => model;

    /// <summary>
    /// <paramref name="samples"/> answers per prompt. Each prompt goes to the model as training lays it out (the
    /// model's prefix, the prompt, the instruction separator); one longer than the context allows keeps its end.
    /// </summary>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<string> prompts, EvaluationSampling sampling, int samples, ulong seed, CancellationToken cancellationToken)
    {
        var (lm, tokenizer) = Load();
        int room = lm.Config.NPositions - sampling.MaxTokens;
        if (room < 1)
            throw new ArgumentOutOfRangeException("max_tokens", sampling.MaxTokens,
                $"max_tokens {sampling.MaxTokens} leaves no room for a prompt in {model.Name}'s context of {lm.Config.NPositions} tokens");
        var queries = prompts
            .Select(p => tokenizer.Encode(model.Prefix + InstructionFormat.Query(p)))
            .Select(ids => (IReadOnlyList<int>)(ids.Length <= room ? ids : ids[^room..]))
            .ToArray();
        var options = new SamplingOptions
        {
            MaxTokens = sampling.MaxTokens,
            Temperature = sampling.Temperature,
            TopP = sampling.TopP,
            N = samples,
            Seed = seed,
            Stop = model.Stop,
        };
        return new CompletionGenerator(lm, tokenizer).Generate(queries, options, cancellationToken);
    }

    /// <summary>
    /// Σ ln p(token | preceding tokens) of each text after &lt;|endoftext|&gt;, as pretraining saw documents; a text
    /// longer than the context is scored on its first tokens. Null for a text with no tokens.
    /// </summary>
    public IReadOnlyList<ScoredDocument?> ScoreDocuments(IReadOnlyList<string> texts, int batchSize)
    {
        var (lm, tokenizer) = Load();
        int maxTokens = lm.Config.NPositions - 1;
        var encoded = texts.Select(t => tokenizer.Encode(t)).Select(ids => ids.Length <= maxTokens ? ids : ids[..maxTokens]).ToArray();
        var scored = new ScoredDocument?[texts.Count];
        var nonEmpty = Enumerable.Range(0, texts.Count).Where(i => encoded[i].Length > 0).ToArray();
        foreach (var batch in nonEmpty.Chunk(Math.Max(1, batchSize)))
        {
            var contexts = batch.Select(_ => (IReadOnlyList<int>)[tokenizer.EndOfTextId]).ToArray();
            var continuations = batch.Select(i => (IReadOnlyList<int>)encoded[i]).ToArray();
            var logprobs = SequenceScorer.TokenLogprobs(lm, contexts, continuations);
            for (int k = 0; k < batch.Length; k++)
                scored[batch[k]] = new ScoredDocument(logprobs[k].Sum(), logprobs[k].Length);
        }
        return scored;
    }

    private (GptLanguageModel Model, ITokenizer Tokenizer) Load()
    {
        if (_model is not null && _tokenizer is not null)
            return (_model, _tokenizer);
        var checkpoint = Checkpoint.Open(model.CheckpointDirectory);
        _tokenizer = BpeTokenizer.Load(model.CheckpointDirectory);
        _model = checkpoint.LoadLanguageModel(dtype, device);
        _model.eval();
        return (_model, _tokenizer);
    }

    public void Dispose()
    {
        _model?.Dispose();
        _model = null;
    }
}
