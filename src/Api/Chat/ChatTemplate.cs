using System.Text;
using InstructGpt.Api.Errors;
using InstructGpt.Inference.Generation;

namespace InstructGpt.Api.Chat;

/// <summary>
/// Renders a conversation as the plain-text dialogue the default world's chat prompts use (Table 1's "chat"
/// category: <c>Human: ...\nAI:</c>), so a GPT-2-sized model fine-tuned on that data continues it as the
/// assistant:
/// <code>
/// {system}\n\n            (each system or developer message, as a preamble)
/// Human: {user}\n
/// AI: {assistant}\n
/// Human: {user}\n
/// AI:\n                 (the newline every training prompt ends with, InstructionFormat)
/// </code>
/// The model's continuation after the final "AI:" is the answer. Generation also stops at "\nHuman:", where the
/// model would start writing the user's next turn, and the answer's leading whitespace is dropped.
/// </summary>
public static class ChatTemplate
{
    public const string UserPrefix = "Human: ";
    public const string AssistantPrefix = "AI:";
    public const string NextTurnStop = "\nHuman:";

    public static string Render(IReadOnlyList<ChatMessage> messages)
    {
        var text = new StringBuilder();
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i] ?? throw new InvalidRequestException($"Invalid type for 'messages[{i}]': expected an object with role and content, but got null.", $"messages[{i}]");
            if (m.Content is null) throw new InvalidRequestException($"Missing required parameter: 'messages[{i}].content'.", $"messages[{i}].content");
            switch (m.Role)
            {
                case "system" or "developer":
                    text.Append(m.Content.Text).Append("\n\n");
                    break;
                case "user":
                    text.Append(UserPrefix).Append(m.Content.Text).Append('\n');
                    break;
                case "assistant":
                    text.Append(AssistantPrefix).Append(' ').Append(m.Content.Text).Append('\n');
                    break;
                case null:
                    throw new InvalidRequestException($"Missing required parameter: 'messages[{i}].role'.", $"messages[{i}].role");
                default:
                    throw new InvalidRequestException($"Invalid value for 'messages[{i}].role': must be one of system, developer, user, assistant (got '{m.Role}').", $"messages[{i}].role");
            }
        }
        // Training lays every prompt out as prompt + InstructionFormat.Separator + answer, chat prompts included.
        return InstructionFormat.Query(text.Append(AssistantPrefix).ToString());
    }
}
