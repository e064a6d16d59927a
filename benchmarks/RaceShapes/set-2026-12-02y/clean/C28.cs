using Microsoft.AspNetCore.Http;

namespace Herbarium.LoanApi;

/// <summary>
/// Per-institution request quota for the herbarium loan API. One instance per
/// application (middleware instances are created once and invoked for every
/// request on whatever thread serves it).
/// </summary>
public sealed class InstitutionQuotaMiddleware
{
    private sealed class Window
    {
        public DateTime StartedAt;
        public int Used;
    }

    private readonly RequestDelegate _next;
    private readonly int _perMinute;
    private readonly object _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.OrdinalIgnoreCase);
    private DateTime _lastSweep = DateTime.UtcNow;

    public InstitutionQuotaMiddleware(RequestDelegate next, int perMinute = 120)
    {
        _next = next;
        _perMinute = perMinute;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var institution = context.Request.Headers["X-Institution"].ToString();
        if (string.IsNullOrEmpty(institution))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!TryConsume(institution, DateTime.UtcNow))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }

        await _next(context);
    }

    private bool TryConsume(string institution, DateTime now)
    {
        if (!Monitor.TryEnter(_gate, TimeSpan.FromMilliseconds(250)))
        {
            return false;
        }

        try
        {
            if (now - _lastSweep > TimeSpan.FromMinutes(5))
            {
                foreach (var stale in _windows.Where(kv => now - kv.Value.StartedAt > TimeSpan.FromMinutes(1)).Select(kv => kv.Key).ToList())
                {
                    _windows.Remove(stale);
                }
                _lastSweep = now;
            }

            if (!_windows.TryGetValue(institution, out var window) || now - window.StartedAt >= TimeSpan.FromMinutes(1))
            {
                _windows[institution] = window = new Window { StartedAt = now };
            }

            if (window.Used >= _perMinute)
            {
                return false;
            }
            window.Used++;
            return true;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    public int TrackedInstitutions
    {
        get
        {
            lock (_gate) return _windows.Count;
        }
    }
}
