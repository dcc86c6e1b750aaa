using System.Text.Json;

namespace InstructGpt.Api.Errors;

/// <summary>A request field with a value of the right JSON type but the wrong shape (thrown by our converters).</summary>
public sealed class RequestFieldException(string message) : JsonException(message);
