using InstructGpt.Evaluation.Judges;
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
    private GptLanguageModel? loadedModel;
    private ITokenizer? loadedTokenizer;

    public EvaluatedModel Model => model;

    /// <summary>
    /// The answers to one batch of a run's plan, as the run stores them: <see cref="ItemBatch.Samples"/> per prompt, drawn
    /// with the batch's own seed (<see cref="EvaluationPlan.Seed"/>), the text trimmed. The one way evaluation runs and
    /// labeling batches (<see cref="InstructionSampler"/>) generate, so both write the same texts for the same batch.
    /// </summary>
    public IReadOnlyList<GeneratedSequence> Answer(ItemBatch batch, EvaluationSampling sampling, CancellationToken cancellationToken) =>
        Generate(batch.Items.Select(i => i.Prompt).ToArray(), sampling, batch.Samples, EvaluationPlan.Seed(sampling.Seed, batch.Index), cancellationToken)
            .Select(s => s with { Text = s.Text.Trim() })
            .ToArray();

    /// <summary>
    /// <paramref name="samples"/> answers per prompt. Each prompt goes to the model as training lays it out (the
    /// model's prefix, the prompt, the instruction separator); one longer than the context allows keeps its end.
    /// </summary>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<string> prompts, EvaluationSampling sampling, int samples, ulong seed, CancellationToken cancellationToken)
    {
        var (lm, tokenizer) = Load();
        var room = sampling.PromptRoom(lm.Config.NPositions, model.Name);
        var queries = prompts
            .Select(p => tokenizer.Encode(model.Prefix + InstructionFormat.Query(p)))
            .Select(ids => (IReadOnlyList<int>)(ids.Length <= room ? ids : ids[^room..]))
            .ToArray();
        var options = sampling.ToSamplingOptions(samples * model.BestOf, seed, model.Stop);
        var generated = new CompletionGenerator(lm, tokenizer).Generate(queries, options, cancellationToken);
        return model.BestOf == 1 ? generated : BestOf(prompts, generated, sampling.BatchSize);
    }

    /// <summary>
    /// For each prompt and answer index s, the best of candidates s·n … s·n + n − 1 by the reward model, renumbered s.
    /// An answer that ended comes before one the length limit cut off, as PPO's missing-EOS penalty orders them.
    /// </summary>
    private IReadOnlyList<GeneratedSequence> BestOf(IReadOnlyList<string> prompts, IReadOnlyList<GeneratedSequence> candidates, int batchSize)
    {
        var (rm, tokenizer) = LoadRewardModel();
        var scores = RewardScorer.Score(rm, tokenizer, candidates.Select(c => (prompts[c.PromptIndex], c.Text.Trim())).ToArray(), batchSize);
        return candidates
            .Select((c, i) => (Candidate: c, Score: scores[i]))
            .GroupBy(x => (x.Candidate.PromptIndex, Answer: x.Candidate.Index / model.BestOf))
            .OrderBy(g => g.Key.PromptIndex).ThenBy(g => g.Key.Answer)
            .Select(g => Best(g) with { Index = g.Key.Answer })
            .ToArray();

        // Within one answer's candidates: one that stopped on its own first, then the highest reward, then the first drawn.
        static GeneratedSequence Best(IEnumerable<(GeneratedSequence Candidate, double Score)> candidates) => candidates
            .OrderByDescending(x => x.Candidate.FinishReason == FinishReason.Stop).ThenByDescending(x => x.Score).ThenBy(x => x.Candidate.Index)
            .First().Candidate;
    }

    /// <summary>
    /// Σ ln p(token | preceding tokens) of each text after &lt;|endoftext|&gt;, as pretraining saw documents; a text
    /// longer than the context is scored on its first tokens. Null for a text with no tokens.
    /// </summary>
    public IReadOnlyList<ScoredDocument?> ScoreDocuments(IReadOnlyList<string> texts, int batchSize)
    {
        var (lm, tokenizer) = Load();
        var maxTokens = lm.Config.NPositions - 1;
        var encoded = texts.Select(t => tokenizer.Encode(t)).Select(ids => ids.Length <= maxTokens ? ids : ids[..maxTokens]).ToArray();
        var scored = new ScoredDocument?[texts.Count];
        var nonEmpty = Enumerable.Range(0, texts.Count).Where(i => encoded[i].Length > 0).ToArray();
        foreach (var batch in nonEmpty.Chunk(Math.Max(1, batchSize)))
        {
            var contexts = batch.Select(_ => (IReadOnlyList<int>)[tokenizer.EndOfTextId]).ToArray();
            var continuations = batch.Select(i => (IReadOnlyList<int>)encoded[i]).ToArray();
            var logprobs = SequenceScorer.TokenLogprobs(lm, contexts, continuations);
            for (var k = 0; k < batch.Length; k++)
                scored[batch[k]] = new ScoredDocument(logprobs[k].Sum(), logprobs[k].Length);
        }
        return scored;
    }

    private GptRewardModel? rewardModel;

    private (GptRewardModel Model, ITokenizer Tokenizer) LoadRewardModel()
    {
        var (_, tokenizer) = Load();
        if (rewardModel is null)
        {
            rewardModel = Checkpoint.Open(model.RewardModelDirectory!).LoadTrainedRewardModel(dtype, device);
            rewardModel.eval();
        }
        return (rewardModel, tokenizer);
    }

    private (GptLanguageModel Model, ITokenizer Tokenizer) Load()
    {
        if (loadedModel is not null && loadedTokenizer is not null)
            return (loadedModel, loadedTokenizer);
        var checkpoint = Checkpoint.Open(model.CheckpointDirectory);
        // A reward model's language-model head was never trained: its "answers" would be evaluated as a model's.
        if (checkpoint.HasRewardHead())
            throw new InvalidDataException($"{model.Name}: a reward model writes no answers to evaluate; use it as a judge (--judge rm --reward-model {model.Name})");
        loadedTokenizer = BpeTokenizer.Load(model.CheckpointDirectory);
        loadedModel = checkpoint.LoadLanguageModel(dtype, device);
        loadedModel.eval();
        return (loadedModel, loadedTokenizer);
    }

    public void Dispose()
    {
        loadedModel?.Dispose();
        loadedModel = null;
        rewardModel?.Dispose();
        rewardModel = null;
    }
}
