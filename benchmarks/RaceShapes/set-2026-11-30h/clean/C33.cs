namespace Blind8.Web.Operations;

public sealed record OperationsStatus(bool MaintenanceMode, string? MaintenanceMessage, long RequestsServed, DateTime? LastRequestUtc, long Rejected);

/// <summary>
/// Singleton used by the front-door middleware: counts requests, remembers
/// when the last one arrived and can switch the site into maintenance mode
/// from the admin API.
/// </summary>
public sealed class OperationsStateService
{
    private sealed record MaintenanceInfo(bool Enabled, string? Message);

    private MaintenanceInfo _maintenance = new(false, null);
    private long _requestsServed;
    private long _rejected;
    private long _lastRequestTicks;

    /// <summary>Returns false when the request should be answered with 503.</summary>
    public bool OnRequestStarted()
    {
        Interlocked.Exchange(ref _lastRequestTicks, DateTime.UtcNow.Ticks);

        if (Volatile.Read(ref _maintenance).Enabled)
        {
            Interlocked.Increment(ref _rejected);
            return false;
        }

        Interlocked.Increment(ref _requestsServed);
        return true;
    }

    public void EnableMaintenance(string message) =>
        Volatile.Write(ref _maintenance, new MaintenanceInfo(true, message));

    public void DisableMaintenance() =>
        Volatile.Write(ref _maintenance, new MaintenanceInfo(false, null));

    public string? MaintenanceMessage => Volatile.Read(ref _maintenance).Message;

    public OperationsStatus GetStatus()
    {
        var maintenance = Volatile.Read(ref _maintenance);
        var ticks = Interlocked.Read(ref _lastRequestTicks);
        return new OperationsStatus(
            maintenance.Enabled,
            maintenance.Message,
            Interlocked.Read(ref _requestsServed),
            ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc),
            Interlocked.Read(ref _rejected));
    }
}

public sealed class FrontDoorMiddleware
{
    private readonly Func<IDictionary<string, object?>, Task> _next;
    private readonly OperationsStateService _operations;

    public FrontDoorMiddleware(Func<IDictionary<string, object?>, Task> next, OperationsStateService operations)
    {
        _next = next;
        _operations = operations;
    }

    public Task InvokeAsync(IDictionary<string, object?> context)
    {
        if (!_operations.OnRequestStarted())
        {
            context["status"] = 503;
            context["body"] = _operations.MaintenanceMessage ?? "Down for maintenance";
            return Task.CompletedTask;
        }

        return _next(context);
    }
}
