namespace ThreadLocalState;

/// <summary>
/// Stands in for a database connection: not thread-safe, expensive to open, so each thread opens its own once and
/// reuses it (Python's <c>threading.local()</c> example).
/// </summary>
public sealed class FakeConnection : IDisposable
{
    private static int lastId;

    public FakeConnection()
    {
        Id = Interlocked.Increment(ref lastId);
        OwnerThreadId = Environment.CurrentManagedThreadId;
    }

    public int Id { get; }

    public int OwnerThreadId { get; }

    public bool IsDisposed { get; private set; }

    public string Query(string sql)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (Environment.CurrentManagedThreadId != OwnerThreadId)
        {
            throw new InvalidOperationException($"connection {Id} used from thread {Environment.CurrentManagedThreadId}, opened on {OwnerThreadId}");
        }

        return $"connection {Id} ran '{sql}'";
    }

    public void Dispose() => IsDisposed = true;
}

/// <summary>One connection per thread, opened on first use; <c>trackAllValues</c> lets us close them all at the end.</summary>
public static class PerThreadConnection
{
    private static readonly ThreadLocal<FakeConnection> Connection = new(() => new FakeConnection(), trackAllValues: true);

    public static FakeConnection Current => Connection.Value!;

    public static int CloseAll()
    {
        int closed = 0;
        foreach (FakeConnection connection in Connection.Values)
        {
            connection.Dispose();
            closed++;
        }

        return closed;
    }
}
