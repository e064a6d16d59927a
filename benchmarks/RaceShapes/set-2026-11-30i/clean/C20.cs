namespace Tracing.Correlation;

public sealed class CorrelationScope : IDisposable
{
    private readonly CorrelationScope? _parent;

    internal CorrelationScope(string correlationId, string operation, CorrelationScope? parent)
    {
        CorrelationId = correlationId;
        Operation = operation;
        _parent = parent;
    }

    public string CorrelationId { get; }
    public string Operation { get; }

    public void Dispose() => CorrelationContext.Restore(_parent);
}

/// <summary>
/// Ambient correlation id that flows with the logical call context, so log
/// lines written deep inside a request carry the id of that request.
/// </summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<CorrelationScope?> s_current = new();

    public static CorrelationScope? Current => s_current.Value;

    public static CorrelationScope Begin(string operation, string? correlationId = null)
    {
        var parent = s_current.Value;
        var scope = new CorrelationScope(correlationId ?? parent?.CorrelationId ?? Guid.NewGuid().ToString("N"), operation, parent);
        s_current.Value = scope;
        return scope;
    }

    internal static void Restore(CorrelationScope? scope) => s_current.Value = scope;
}

public static class Log
{
    public static void Info(string message)
    {
        var scope = CorrelationContext.Current;
        var prefix = scope is null ? "-" : $"{scope.CorrelationId}/{scope.Operation}";
        Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} [{prefix}] {message}");
    }
}

/// <summary>
/// Simulates the request pipeline: many requests are in flight at the same
/// time on the thread pool, each with its own correlation scope.
/// </summary>
public static class RequestPipeline
{
    public static Task HandleManyAsync(int requests)
    {
        return Task.WhenAll(Enumerable.Range(0, requests).Select(i => HandleAsync($"GET /orders/{i}")));
    }

    private static async Task HandleAsync(string route)
    {
        using (CorrelationContext.Begin(route))
        {
            Log.Info("request started");
            await LoadOrderAsync().ConfigureAwait(false);
            Log.Info("request finished");
        }
    }

    private static async Task LoadOrderAsync()
    {
        using (CorrelationContext.Begin("db.query"))
        {
            await Task.Delay(Random.Shared.Next(5, 25)).ConfigureAwait(false);
            Log.Info("order loaded");
        }
    }
}
