using Microsoft.AspNetCore.Http;

namespace Blind59.Allotments.Bookings;

/// <summary>
/// Outcome of a plot booking request, replayed when the same idempotency key is seen again.
/// </summary>
public sealed record BookingOutcome(int StatusCode, string PlotNumber, string Message);

/// <summary>
/// Remembers the outcome of plot booking requests by their Idempotency-Key header so that
/// members who double-tap "Book" on the society's app do not reserve two plots.
/// Registered as a singleton and shared by all requests.
/// </summary>
public sealed class BookingIdempotencyStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, BookingOutcome> _completed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTime At)> _expiryOrder = new();
    private readonly TimeSpan _retention;

    public BookingIdempotencyStore(TimeSpan retention) => _retention = retention;

    public bool TryGetCompleted(string key, out BookingOutcome? outcome)
    {
        return _completed.TryGetValue(key, out outcome);
    }

    public bool TryBegin(string key)
    {
        lock (_gate)
        {
            if (_completed.ContainsKey(key))
            {
                return false;
            }
            return _inFlight.Add(key);
        }
    }

    public void Complete(string key, BookingOutcome outcome)
    {
        lock (_gate)
        {
            _inFlight.Remove(key);
            _completed[key] = outcome;
            _expiryOrder.Enqueue((key, DateTime.UtcNow));
            TrimExpired();
        }
    }

    public void Abandon(string key)
    {
        lock (_gate)
        {
            _inFlight.Remove(key);
        }
    }

    private void TrimExpired()
    {
        var cutoff = DateTime.UtcNow - _retention;
        while (_expiryOrder.Count > 0 && _expiryOrder.Peek().At < cutoff)
        {
            var (oldKey, _) = _expiryOrder.Dequeue();
            _completed.Remove(oldKey);
        }
    }
}

/// <summary>
/// Endpoint filter for POST /plots/{number}/bookings.
/// </summary>
public sealed class BookingIdempotencyFilter : IEndpointFilter
{
    private readonly BookingIdempotencyStore _store;

    public BookingIdempotencyFilter(BookingIdempotencyStore store) => _store = store;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.Request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await next(context);
        }

        if (_store.TryGetCompleted(key, out var previous) && previous is not null)
        {
            return Results.Json(previous, statusCode: previous.StatusCode);
        }

        if (!_store.TryBegin(key))
        {
            return Results.Conflict(new { message = "A booking with this key is already being processed." });
        }

        try
        {
            var result = await next(context);
            if (result is BookingOutcome outcome)
            {
                _store.Complete(key, outcome);
            }
            else
            {
                _store.Abandon(key);
            }
            return result;
        }
        catch
        {
            _store.Abandon(key);
            throw;
        }
    }
}
