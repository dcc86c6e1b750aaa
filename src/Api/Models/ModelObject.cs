namespace InstructGpt.Api.Models;

/// <summary>A servable checkpoint, in OpenAI's model shape plus where it came from.</summary>
/// <param name="Id">The checkpoint's directory name; pass it as "model".</param>
/// <param name="Object">Always "model".</param>
/// <param name="Created">When its weights were written (Unix seconds).</param>
/// <param name="OwnedBy">Always "instructgpt".</param>
/// <param name="Stage">base, sft, rm, ppo, ppo-ptx or imported (from instructgpt.json; "imported" without one).</param>
/// <param name="Parent">The name of the checkpoint it was trained from (never a server path), or null.</param>
/// <param name="Kind">"language_model" (completions and chat) or "reward_model" (POST /v1/score).</param>
/// <param name="Loaded">Whether it is in memory now (it loads on first use otherwise).</param>
/// <param name="ContextLength">Most tokens of prompt plus completion.</param>
public sealed record ModelObject(string Id, string Object, long Created, string OwnedBy, string Stage, string? Parent, string Kind, bool Loaded, int ContextLength)
{
    public const string LanguageModel = "language_model";
    public const string RewardModel = "reward_model";
}
