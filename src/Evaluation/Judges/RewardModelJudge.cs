using InstructGpt.Evaluation.Metrics;
using InstructGpt.Inference.Checkpoints;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Evaluation.Judges;

/// <summary>
/// The reward model as a judge: each instruction output gets its RM score (stored beside the labeler's Likert
/// score, where over-optimisation of the RM shows as the two parting ways), and of two outputs the higher score
/// is preferred. The checkpoint is loaded on first use and freed by <see cref="Dispose"/>.
/// </summary>
public sealed class RewardModelJudge(string checkpointDirectory, ScalarType dtype, Device? device) : ISampleJudge, IPairwiseJudge, IDisposable
{
    private readonly Dictionary<(string Prompt, string Output), double> cachedScores = new();
    private GptRewardModel? loadedModel;
    private ITokenizer? loadedTokenizer;

    public string Name => JudgeNames.RewardModel;

    public Task<IReadOnlyList<SampleLabel?>> LabelAsync(IReadOnlyList<JudgedOutput> outputs, CancellationToken cancellationToken)
    {
        // Toxicity probes are sentence starts, not instructions: the RM was never trained to score them.
        var instructions = outputs.Where(o => o.IsInstruction).ToArray();
        var scores = ScoresOf(instructions.Select(o => (o.Prompt, o.Output)).ToArray());
        var labels = outputs
            .Select(o => o.IsInstruction ? new SampleLabel { RmScore = scores[(o.Prompt, o.Output)] } : null)
            .ToArray();
        return Task.FromResult<IReadOnlyList<SampleLabel?>>(labels);
    }

    public Task<PairwiseVerdict> CompareAsync(JudgedPair pair, CancellationToken cancellationToken)
    {
        var scores = ScoresOf([(pair.Output.Prompt, pair.Output.Output), (pair.Baseline.Prompt, pair.Baseline.Output)]);
        double model = scores[(pair.Output.Prompt, pair.Output.Output)], baseline = scores[(pair.Baseline.Prompt, pair.Baseline.Output)];
        var result = model > baseline ? PairwiseResult.Win : model == baseline ? PairwiseResult.Tie : PairwiseResult.Loss;
        return Task.FromResult(new PairwiseVerdict(result, $"RM score {model:0.0000} vs {baseline:0.0000}"));
    }

    /// <summary>
    /// The pairs' scores. Each is computed on its own, unpadded: a padded batch would change the last bits of a
    /// score with the batch it fell in, and a resumed run must score an output exactly as the first run did.
    /// </summary>
    private Dictionary<(string Prompt, string Output), double> ScoresOf(IReadOnlyList<(string Prompt, string Output)> pairs)
    {
        foreach (var pair in pairs.Distinct().Where(p => !cachedScores.ContainsKey(p)).ToArray())
        {
            var (model, tokenizer) = Load();
            cachedScores[pair] = RewardScorer.Score(model, tokenizer, [pair], batchSize: 1)[0];
        }
        return pairs.Distinct().ToDictionary(p => p, p => cachedScores[p]);
    }

    private (GptRewardModel Model, ITokenizer Tokenizer) Load()
    {
        if (loadedModel is not null && loadedTokenizer is not null)
            return (loadedModel, loadedTokenizer);
        var checkpoint = Checkpoint.Open(checkpointDirectory);
        loadedTokenizer = BpeTokenizer.Load(checkpointDirectory);
        loadedModel = checkpoint.LoadTrainedRewardModel(dtype, device);
        loadedModel.eval();
        return (loadedModel, loadedTokenizer);
    }

    public void Dispose()
    {
        loadedModel?.Dispose();
        loadedModel = null;
    }
}
