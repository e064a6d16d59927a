using System.Collections.Generic;

namespace Blind47.SugarRefinery.Batches;

public readonly record struct BrixReading(string PanId, double Brix, double TemperatureC, DateTime TakenAt);

/// <summary>
/// Watches the vacuum pans and notifies subscribers of every brix reading.
/// Readings are produced on a dedicated sampling thread; the operator screens
/// subscribe and unsubscribe as panels are opened and closed.
/// </summary>
public sealed class PanMonitor : IDisposable
{
    private readonly List<Action<BrixReading>> _subscribers = new();
    private readonly object _subscribersLock = new();
    private readonly Func<string, (double Brix, double Temp)> _probe;
    private readonly string[] _pans;
    private readonly Thread _sampler;
    private readonly CancellationTokenSource _stop = new();

    public PanMonitor(Func<string, (double Brix, double Temp)> probe, IEnumerable<string> pans)
    {
        _probe = probe;
        _pans = pans.ToArray();
        _sampler = new Thread(SampleLoop) { IsBackground = true, Name = "pan-sampler" };
    }

    public void Start() => _sampler.Start();

    public IDisposable Subscribe(Action<BrixReading> handler)
    {
        lock (_subscribersLock)
        {
            _subscribers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    private void Unsubscribe(Action<BrixReading> handler)
    {
        lock (_subscribersLock)
        {
            _subscribers.Remove(handler);
        }
    }

    private void SampleLoop()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            foreach (var pan in _pans)
            {
                var (brix, temp) = _probe(pan);
                Publish(new BrixReading(pan, brix, temp, DateTime.UtcNow));
            }

            token.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
        }
    }

    private void Publish(BrixReading reading)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(reading);
            }
            catch (Exception)
            {
                // A broken screen must not stop the sampler.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _sampler.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private sealed class Subscription : IDisposable
    {
        private PanMonitor? _owner;
        private readonly Action<BrixReading> _handler;

        public Subscription(PanMonitor owner, Action<BrixReading> handler)
        {
            _owner = owner;
            _handler = handler;
        }

        public void Dispose()
        {
            Interlocked.Exchange(ref _owner, null)?.Unsubscribe(_handler);
        }
    }
}
