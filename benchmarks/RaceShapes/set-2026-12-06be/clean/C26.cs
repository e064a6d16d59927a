using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Blind57.Lighthouse.Tours;

/// <summary>
/// Carries the correlation id of the current tour-booking request through async calls, so log
/// lines from deep in the booking code can be tied back to the visitor's request.
/// </summary>
public static class VisitCorrelation
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? Id => Current.Value;

    public static IDisposable Begin(string id)
    {
        var previous = Current.Value;
        Current.Value = id;
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly string? _previous;
        public Scope(string? previous) => _previous = previous;
        public void Dispose() => Current.Value = _previous;
    }
}

public sealed class CorrelationMiddleware
{
    private const string Header = "X-Correlation-Id";
    private readonly RequestDelegate _next;

    public CorrelationMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        var id = context.Request.Headers.TryGetValue(Header, out var supplied) && !string.IsNullOrEmpty(supplied)
            ? supplied.ToString()
            : Guid.NewGuid().ToString("N");

        using (VisitCorrelation.Begin(id))
        {
            context.Response.Headers[Header] = id;
            await _next(context);
        }
    }
}

public sealed record TourSlot(DateTime Start, int Remaining);

/// <summary>Books places on the lantern-room tours; a singleton used by every request.</summary>
public sealed class TourBookingService
{
    private readonly ILogger<TourBookingService> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<DateTime, int> _remaining = new();

    public TourBookingService(ILogger<TourBookingService> logger) => _logger = logger;

    public async Task<bool> BookAsync(DateTime slot, int people, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            int left = _remaining.TryGetValue(slot, out var r) ? r : 12;
            if (left < people)
            {
                _logger.LogInformation("[{Correlation}] Tour {Slot} full ({Left} left)", VisitCorrelation.Id, slot, left);
                return false;
            }

            _remaining[slot] = left - people;
            _logger.LogInformation("[{Correlation}] Booked {People} on {Slot}", VisitCorrelation.Id, people, slot);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
