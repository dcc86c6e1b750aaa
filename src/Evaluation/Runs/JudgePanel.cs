using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Tasks.Labeling;

namespace InstructGpt.Evaluation.Runs;

/// <summary>The judges a request names, in its order, and what they hold (a reward model, an HTTP client) until the run ends.</summary>
internal sealed class JudgePanel : IDisposable
{
    private readonly List<IDisposable> ownedResources = [];

    private JudgePanel(IReadOnlyList<ISampleJudge> sampleJudges, IReadOnlyList<IPairwiseJudge> pairwiseJudges) =>
        (SampleJudges, PairwiseJudges) = (sampleJudges, pairwiseJudges);

    public IReadOnlyList<ISampleJudge> SampleJudges { get; }
    public IReadOnlyList<IPairwiseJudge> PairwiseJudges { get; }

    public static JudgePanel Create(EvaluationRequest request, EvaluationStore store, HttpClient? http)
    {
        var judges = new List<object>();
        var owned = new List<IDisposable>();
        foreach (var name in request.Judges)
        {
            switch (name)
            {
                case JudgeNames.Labeler:
                    judges.Add(new LabelerJudge(new SimulatedLabeler(request.Labeler)));
                    break;
                case JudgeNames.RewardModel:
                    var rm = new RewardModelJudge(request.RewardModelDirectory!, request.DType, request.Device);
                    owned.Add(rm);
                    judges.Add(rm);
                    break;
                case JudgeNames.Human:
                    judges.Add(new HumanLabelJudge(new StoredHumanRatings(store)));
                    break;
                case JudgeNames.Llm:
                    if (http is null)
                    {
                        http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // each request has the judge's own timeout
                        owned.Add(http);
                    }
                    judges.Add(new LlmJudge(http, request.LlmJudge!));
                    break;
                default:
                    throw new ArgumentException($"judges: unknown judge '{name}'; expected {string.Join(", ", JudgeNames.All)}", "judges");
            }
        }
        var panel = new JudgePanel(judges.OfType<ISampleJudge>().ToArray(), judges.OfType<IPairwiseJudge>().ToArray());
        panel.ownedResources.AddRange(owned);
        return panel;
    }

    public void Dispose()
    {
        foreach (var item in ownedResources) item.Dispose();
    }
}
