using InstructGpt.Inference.Generation;
using InstructGpt.Inference.Model;
using InstructGpt.Inference.Tokenization;
using InstructGpt.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace InstructGpt.Training.Stages;

/// <summary>
/// SFT's model-selection signal once a reward model exists (InstructGPT §3.5: "we do our final SFT model selection based
/// on the RM score on the validation set"): the mean RM score of the model's greedy answers to validation prompts.
/// </summary>
public static class SftRewardScore
{
    /// <summary>Validation prompts answered per check: enough for a stable mean, few enough to keep checks cheap.</summary>
    public const int MaxPrompts = 64;
    public const int MaxTokens = 48;
    public const int BatchSize = 16;

    public static Func<GptLanguageModel, double> For(GptRewardModel reward, ITokenizer tokenizer, IReadOnlyList<Demonstration> valid, SftSettings settings, Device device)
    {
        var prompts = valid.Take(MaxPrompts).Select(d => d.Prompt).ToList();
        if (prompts.Count == 0) throw new ArgumentException("datasets.valid: selecting SFT checkpoints by RM score needs validation prompts");
        return model =>
        {
            var training = model.training;
            model.eval();
            try
            {
                var generator = new CompletionGenerator(model, tokenizer);
                var answers = new List<(string, string)>();
                foreach (var chunk in prompts.Chunk(BatchSize))
                {
                    var outputs = generator.Generate(chunk.Select(InstructionFormat.Query).ToList(), new SamplingOptions { MaxTokens = MaxTokens, Temperature = 0 });
                    answers.AddRange(outputs.Select(o => (chunk[o.PromptIndex], o.Text)));
                }
                return RewardModelStage.Score(reward, tokenizer, answers, settings.MaxLength, BatchSize, device).Average();
            }
            finally
            {
                if (training) model.train();
            }
        };
    }
}
