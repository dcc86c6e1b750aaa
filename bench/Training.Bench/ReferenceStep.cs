using System.Globalization;
using System.Text.Json.Nodes;
using InstructGpt.Safetensors;
using InstructGpt.Training.Objectives;
using InstructGpt.Training.Runs;
using TorchSharp;

namespace InstructGpt.Training.Bench;

/// <summary>
/// The evidence that the peer trains the same function: a fresh workload's weights and config (config.json,
/// model.safetensors with Hugging Face GPT-2 names) and what one step on batch 0 gives in eval mode, where dropout
/// draws nothing: the loss, the gradient norm before clipping, and the loss after clipping and one AdamW step at the
/// preset's peak learning rate and weight decay (reference.json). The peer loads the weights, repeats the step and
/// must land on the same numbers.
/// </summary>
internal static class ReferenceStep
{
    public static void Export(Workload workload, string directory)
    {
        Directory.CreateDirectory(directory);
        var model = workload.Model;
        File.WriteAllText(Path.Combine(directory, "config.json"), model.Config.ToJson());
        SafetensorsWriter.Save(Path.Combine(directory, "model.safetensors"), model.state_dict());

        model.eval();
        double lossBefore, norm, lossAfter;
        using (var scope = torch.NewDisposeScope())
        {
            var batch = workload.Batch(0);
            var loss = LanguageModelLoss.Compute(model.forward(batch.Ids), batch.Labels);
            lossBefore = loss.ToDouble();
            loss.backward();
            norm = torch.nn.utils.clip_grad_norm_(model.parameters(), workload.GradientClip);
            workload.Optimizer.SetLearningRate(workload.PeakLearningRate);
            workload.Optimizer.step();
            workload.Optimizer.ClearGradients();
            using var noGrad = torch.no_grad();
            lossAfter = LanguageModelLoss.Compute(model.forward(batch.Ids), batch.Labels).ToDouble();
        }
        var reference = new JsonObject
        {
            ["workload"] = workload.Name,
            ["learning_rate"] = workload.PeakLearningRate,
            ["weight_decay"] = workload.WeightDecay,
            ["gradient_clip"] = workload.GradientClip,
            // The stage's schedule, which the peer's loop also evaluates every step (CosineSchedule).
            ["schedule"] = new JsonObject
            {
                ["total_steps"] = workload.Schedule.TotalSteps,
                ["warmup_steps"] = workload.Schedule.WarmupSteps,
                ["final_fraction"] = workload.Schedule.FinalFraction,
            },
            ["loss"] = lossBefore,
            ["grad_norm"] = norm,
            ["loss_after_step"] = lossAfter,
        };
        File.WriteAllText(Path.Combine(directory, "reference.json"), reference.ToJsonString());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# reference step ({workload.Name}, batch 0, eval mode): loss {lossBefore:F6}, grad norm {norm:F6}, loss after one AdamW step {lossAfter:F6}"));
    }
}
