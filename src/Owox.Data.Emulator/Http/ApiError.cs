using System;
using System.Text.Json.Nodes;

namespace Owox.Data.Emulator.Http;

/// <summary>An error answer before any body byte: status and the body members of shape A or B (wire-protocol §2.7).</summary>
internal sealed class ApiError : Exception
{
    public ApiError()
    {
    }

    public ApiError(string message)
        : base(message)
    {
    }

    public ApiError(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; init; }

    /// <summary>Shape B (business filter): <c>errorDetails</c> instead of <c>error</c>/<c>details</c>.</summary>
    public bool Business { get; init; }

    /// <summary>False for the 500 without a message.</summary>
    public bool HasMessage { get; init; } = true;

    /// <summary>Nest reason phrase (<c>"Bad Request"</c>, <c>"Not Found"</c>...), shape A only.</summary>
    public string? Reason { get; init; }

    public string? Code { get; init; }

    public JsonNode? Details { get; init; }

    public JsonNode? ErrorDetails { get; init; }

    /// <summary>Shape B 400.</summary>
    public static ApiError BadRequestBusiness(string message, JsonNode? errorDetails = null) =>
        new(message) { Status = 400, Business = true, ErrorDetails = errorDetails };

    public static ApiError NotFound(string message) => new(message) { Status = 404, Reason = "Not Found" };

    public static ApiError Unauthorized(string message) => new(message) { Status = 401 };

    public static ApiError Forbidden(string message) => new(message) { Status = 403 };

    public static ApiError TooManyRequests() => new("Too Many Requests") { Status = 429, Reason = "Too Many Requests" };

    /// <summary>The 400 <c>Request validation failed</c> of the validation pipe, with one <c>details.errors[]</c> message.</summary>
    public static ApiError Validation(string message) => new("Request validation failed")
    {
        Status = 400,
        Reason = "Bad Request",
        Details = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = message }) },
    };

    public static ApiError OutputControls(JsonArray errors, string message = "Output controls validation failed") =>
        new(message) { Status = 400, Details = new JsonObject { ["errors"] = errors } };
}
