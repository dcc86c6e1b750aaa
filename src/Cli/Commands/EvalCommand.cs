using System.CommandLine;
using System.Runtime.InteropServices;
using InstructGpt.Evaluation.Judges;
using InstructGpt.Evaluation.Reports;
using InstructGpt.Evaluation.Runs;
using InstructGpt.Evaluation.Storage;
using InstructGpt.Inference.Engine;
using InstructGpt.Training.Data;
using InstructGpt.Training.EvalSets;
using InstructGpt.Training.Runs;

namespace InstructGpt.Cli.Commands;

/// <summary>
/// <c>instructgpt eval --home DIR --models sft,ppo,ppo-ptx,gpt,gpt-prompted --baseline sft --set test,toxicity,pretrain.test
/// --judge labeler,rm [--run-id ID]</c>: the evaluation run, with a progress bar, its rows in the home's database and its
/// reports under reports/&lt;run-id&gt;/. The same command with --run-id resumes an interrupted run.
/// </summary>
internal static class EvalCommand
{
    private const string DefaultModels = "sft,ppo,ppo-ptx,gpt,gpt-prompted";

    public static Command Create()
    {
        var home = new Option<string>("--home") { Description = "Home with checkpoints/ (default $INSTRUCTGPT_HOME, else var)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("INSTRUCTGPT_HOME") ?? "var" };
        var models = new Option<string>("--models") { Description = "Comma-separated checkpoint names or directories; gpt is the base model, gpt-prompted the base model with a few-shot prefix", DefaultValueFactory = _ => DefaultModels };
        var baseline = new Option<string>("--baseline") { Description = "The model every other one is compared with (win rate)", DefaultValueFactory = _ => "sft" };
        var sets = new Option<string>("--set") { Description = $"Comma-separated eval sets ({string.Join(", ", EvalSetFiles.Names)}) or JSONL files", DefaultValueFactory = _ => string.Join(',', EvalSetFiles.Default) };
        var evalSets = new Option<string?>("--eval-sets") { Description = "The eval-sets/ directory (default: found above the working directory or the program)" };
        var judges = new Option<string?>("--judge") { Description = $"Comma-separated judges: {string.Join(", ", JudgeNames.All)} (default labeler, plus rm when the home has an rm checkpoint)" };
        var rewardModel = new Option<string?>("--reward-model") { Description = "The rm judge's checkpoint (default <home>/checkpoints/rm)" };
        var llmUrl = new Option<string?>("--llm-url") { Description = "The llm judge's OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1" };
        var llmModel = new Option<string?>("--llm-model") { Description = "The llm judge's model name" };
        var llmKey = new Option<string?>("--llm-api-key") { Description = "The llm judge's API key (default $INSTRUCTGPT_LLM_API_KEY)" };
        var llmEndpoint = new Option<string>("--llm-endpoint") { Description = "chat (/v1/chat/completions) or completions (/v1/completions)", DefaultValueFactory = _ => "chat" };
        var maxPrompts = new Option<int?>("--max-prompts") { Description = "Use the first N records of each eval set" };
        var samplesPerProbe = new Option<int>("--samples-per-probe") { Description = "Continuations per toxicity probe and variant (k)", DefaultValueFactory = _ => EvaluationSampling.DefaultSamplesPerProbe };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Tokens per answer at most", DefaultValueFactory = _ => new EvaluationSampling().MaxTokens };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature, 0..2", DefaultValueFactory = _ => new EvaluationSampling().Temperature };
        var topP = new Option<double>("--top-p") { Description = "Nucleus sampling mass, (0, 1]", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<ulong>("--seed") { Description = "Sampling seed: the same seed gives the same outputs", DefaultValueFactory = _ => 1 };
        var batchSize = new Option<int>("--batch-size") { Description = "Prompts generated together", DefaultValueFactory = _ => new EvaluationSampling().BatchSize };
        var taxReference = new Option<string?>("--tax-reference") { Description = "The model the alignment tax is measured against (default gpt when evaluated, else the baseline)" };
        var fewShot = new Option<string?>("--few-shot") { Description = "Demonstrations (JSONL) for gpt-prompted's few-shot prefix (default: three built-in examples)" };
        var database = new Option<string?>("--db") { Description = $"SQLite database (default <home>/{EvaluationStore.DatabaseFileName})" };
        var output = new Option<string?>("--out", "-o") { Description = "Report directory (default <home>/reports/<run-id>)" };
        var runId = new Option<string?>("--run-id") { Description = "Run id; an existing run with this id is resumed" };
        var device = CommonOptions.Device();
        var dtype = CommonOptions.DType();

        var command = new Command("eval", "Evaluate checkpoints against a baseline: win rate, Likert, metadata, toxicity, RM score, alignment tax (resumable)")
        {
            home, models, baseline, sets, evalSets, judges, rewardModel, llmUrl, llmModel, llmKey, llmEndpoint, maxPrompts, samplesPerProbe,
            maxTokens, temperature, topP, seed, batchSize, taxReference, fewShot, database, output, runId, device, dtype,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            try
            {
                var homeDirectory = Path.GetFullPath(parse.GetValue(home)!);
                var checkpoints = Path.Combine(homeDirectory, "checkpoints");
                var prefix = parse.GetValue(fewShot) is { } fewShotFile
                    ? FewShotPrefix.Build(DemonstrationDataset.Read(fewShotFile).Select(d => (d.Prompt, d.Completion)))
                    : null;
                var evaluated = Split(parse.GetValue(models)!).Select(name => ModelCatalog.Resolve(name, checkpoints, prefix)).ToArray();
                var rmDirectory = parse.GetValue(rewardModel) ?? Path.Combine(checkpoints, "rm");
                var judgeNames = parse.GetValue(judges) is { } given
                    ? Split(given)
                    : File.Exists(Path.Combine(rmDirectory, "config.json")) ? [JudgeNames.Labeler, JudgeNames.RewardModel] : [JudgeNames.Labeler];
                var setNames = Split(parse.GetValue(sets)!);
                var evalSetsDirectory = parse.GetValue(evalSets)
                    ?? EvalSetFiles.FindDirectory([Environment.CurrentDirectory, AppContext.BaseDirectory]);
                var set = EvalSetFiles.Load(setNames, evalSetsDirectory, parse.GetValue(maxPrompts));
                var reference = parse.GetValue(taxReference)
                    ?? (evaluated.Any(m => m.Name == ModelCatalog.Gpt) ? ModelCatalog.Gpt : null);

                var request = new EvaluationRequest
                {
                    RunId = parse.GetValue(runId),
                    Models = evaluated,
                    Baseline = parse.GetValue(baseline)!,
                    EvalSet = string.Join(',', setNames),
                    Prompts = set.Prompts,
                    ToxicityProbes = set.ToxicityProbes,
                    HeldOutDocuments = set.Documents,
                    Judges = judgeNames,
                    Sampling = new EvaluationSampling
                    {
                        MaxTokens = parse.GetValue(maxTokens),
                        Temperature = parse.GetValue(temperature),
                        TopP = parse.GetValue(topP),
                        Seed = parse.GetValue(seed),
                        SamplesPerProbe = parse.GetValue(samplesPerProbe),
                        BatchSize = parse.GetValue(batchSize),
                    },
                    RewardModelDirectory = judgeNames.Contains(JudgeNames.RewardModel) ? Path.GetFullPath(rmDirectory) : null,
                    LlmJudge = LlmOptions(parse.GetValue(llmUrl), parse.GetValue(llmModel), parse.GetValue(llmKey), parse.GetValue(llmEndpoint)!),
                    AlignmentTaxReference = reference,
                    Device = CommonOptions.ParseDevice(parse.GetValue(device)),
                    DType = TorchDtypes.Parse(parse.GetValue(dtype)!),
                };
                request.Validate();
                var id = request.RunId ?? RunIds.New(DateTimeOffset.UtcNow);
                request = request with
                {
                    RunId = id,
                    ReportDirectory = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(homeDirectory, "reports", id)),
                };

                var store = await EvaluationStore.OpenAsync(parse.GetValue(database) ?? Path.Combine(homeDirectory, EvaluationStore.DatabaseFileName), cancellationToken: cancellation);
                Console.Error.WriteLine($"instructgpt eval: run {id} in {store.DatabasePath}: {evaluated.Length} models, {set.Prompts.Count} prompts, " +
                    $"{set.ToxicityProbes.Count} toxicity probes, {set.Documents.Count} documents; judges {string.Join(", ", judgeNames)}");
                var result = await new EvaluationRunner(store).RunAsync(request, new EvalProgressBar(), cancellation);

                Console.Write(ReportHeadlines.Render(result.Report));
                var counts = result.Counts;
                Console.WriteLine($"run {id}: {counts.OutputsGenerated} outputs generated, {counts.OutputsReused} reused; {counts.SamplesRecorded} labels, " +
                    $"{counts.JudgmentsRecorded} comparisons, {counts.DocumentsScored} documents scored" +
                    (counts.VerdictsUnreadable > 0 ? $"; {counts.VerdictsUnreadable} judge replies unreadable (not counted)" : ""));
                foreach (var example in counts.UnreadableExamples) Console.WriteLine($"  e.g. {example}");
                Console.WriteLine($"reports: {request.ReportDirectory}");
                return 0;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("instructgpt eval: cancelled; run the same command with --run-id to resume");
                return 130;
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or DatasetFormatException or HttpRequestException or ExternalException)
            {
                Console.Error.WriteLine($"instructgpt eval: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static string[] Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static LlmJudgeOptions? LlmOptions(string? url, string? model, string? key, string endpoint)
    {
        if (url is null && model is null) return null;
        if (url is null || model is null)
            throw new ArgumentException("the llm judge needs both --llm-url and --llm-model", url is null ? "llm_url" : "llm_model");
        var kind = endpoint switch
        {
            "chat" => LlmJudgeEndpoint.Chat,
            "completions" => LlmJudgeEndpoint.Completions,
            _ => throw new ArgumentException($"--llm-endpoint must be chat or completions (got '{endpoint}')", "llm_endpoint"),
        };
        return new LlmJudgeOptions { BaseUrl = url, Model = model, ApiKey = key ?? Environment.GetEnvironmentVariable("INSTRUCTGPT_LLM_API_KEY"), Endpoint = kind };
    }

    /// <summary>The run's progress on the stage progress bar the training commands use.</summary>
    private sealed class EvalProgressBar : IProgress<EvaluationProgress>
    {
        private readonly ConsoleProgressBar progressBar = new();

        public void Report(EvaluationProgress p)
        {
            var seconds = Math.Max(1e-9, p.Elapsed.TotalSeconds);
            TimeSpan? eta = p.Done > 0 && p.Done < p.Total ? TimeSpan.FromSeconds(seconds / p.Done * (p.Total - p.Done)) : null;
            progressBar.Report(new StageProgress($"eval {p.Model ?? p.Phase}", p.Done, p.Total, null, new Dictionary<string, double>(), p.GeneratedTokens / seconds, p.Elapsed, eta));
        }
    }
}
