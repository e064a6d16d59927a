namespace Carillon.Practice;

public readonly record struct ClavierKey(int Bell, bool Pedal, int Force);

/// <summary>
/// Reads the practice clavier and forwards each key press to the subscribed
/// monitors. The reader runs on its own thread; monitors subscribe and
/// unsubscribe from whatever thread they like, whenever they like.
/// </summary>
public sealed class PracticeClavier : IDisposable
{
    private Action<ClavierKey>[] _monitors = Array.Empty<Action<ClavierKey>>();
    private readonly Func<CancellationToken, ClavierKey?> _readKey;
    private readonly CancellationTokenSource _cts = new();
    private readonly Thread _reader;

    public PracticeClavier(Func<CancellationToken, ClavierKey?> readKey)
    {
        _readKey = readKey;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "clavier-reader" };
        _reader.Start();
    }

    public IDisposable Subscribe(Action<ClavierKey> monitor)
    {
        while (true)
        {
            var current = Volatile.Read(ref _monitors);
            var next = new Action<ClavierKey>[current.Length + 1];
            Array.Copy(current, next, current.Length);
            next[^1] = monitor;
            if (Interlocked.CompareExchange(ref _monitors, next, current) == current)
            {
                return new Subscription(this, monitor);
            }
        }
    }

    private void Unsubscribe(Action<ClavierKey> monitor)
    {
        while (true)
        {
            var current = Volatile.Read(ref _monitors);
            int index = Array.IndexOf(current, monitor);
            if (index < 0) return;

            var next = new Action<ClavierKey>[current.Length - 1];
            Array.Copy(current, 0, next, 0, index);
            Array.Copy(current, index + 1, next, index, current.Length - index - 1);
            if (Interlocked.CompareExchange(ref _monitors, next, current) == current)
            {
                return;
            }
        }
    }

    private void ReadLoop()
    {
        var ct = _cts.Token;
        while (!ct.IsCancellationRequested)
        {
            var key = _readKey(ct);
            if (key is not { } pressed) continue;

            foreach (var monitor in Volatile.Read(ref _monitors))
            {
                monitor(pressed);
            }
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _reader.Join();
        _cts.Dispose();
    }

    private sealed class Subscription : IDisposable
    {
        private PracticeClavier? _owner;
        private readonly Action<ClavierKey> _monitor;

        public Subscription(PracticeClavier owner, Action<ClavierKey> monitor)
        {
            _owner = owner;
            _monitor = monitor;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Unsubscribe(_monitor);
    }
}
