using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Blind28.Rodeo.Arena;

/// <summary>
/// Counts stewards' penalty calls per event and rejects calls for events that have been
/// closed. Added with UseMiddleware, so one instance serves all requests.
/// </summary>
public sealed class PenaltyCallMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<PenaltyCallMiddleware> _logger;
    private readonly ConcurrentDictionary<string, int> _callsByEvent = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _closedEvents = new(StringComparer.OrdinalIgnoreCase);

    public PenaltyCallMiddleware(RequestDelegate next, ILogger<PenaltyCallMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/penalties", out var rest))
        {
            await _next(context);
            return;
        }

        var eventName = rest.Value?.Trim('/').Split('/')[0] ?? string.Empty;

        if (HttpMethods.IsDelete(context.Request.Method))
        {
            _closedEvents.TryAdd(eventName, 0);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (_closedEvents.ContainsKey(eventName))
            {
                context.Response.StatusCode = StatusCodes.Status409Conflict;
                return;
            }

            var count = _callsByEvent.AddOrUpdate(eventName, 1, static (_, n) => n + 1);
            if (count % 25 == 0)
            {
                _logger.LogInformation("{Event}: {Count} penalty calls", eventName, count);
            }
        }

        await _next(context);
    }
}
