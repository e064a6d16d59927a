using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Blind47.ChimneySweeps.Telemetry;

public sealed record VanLogLine(string VanId, DateTime At, string Level, string Message);

/// <summary>
/// Ships log lines from the sweeps' vans to the office. Any thread may write a
/// line; one shipping thread batches them and posts the batch.
/// </summary>
public sealed class VanLogShipper : IDisposable
{
    private readonly BlockingCollection<VanLogLine> _pending = new(new ConcurrentQueue<VanLogLine>(), boundedCapacity: 10_000);
    private readonly Func<IReadOnlyList<VanLogLine>, bool> _post;
    private readonly Thread _shipper;
    private readonly int _batchSize;
    private long _dropped;
    private long _shipped;

    public VanLogShipper(Func<IReadOnlyList<VanLogLine>, bool> post, int batchSize = 100)
    {
        _post = post;
        _batchSize = batchSize;
        _shipper = new Thread(ShipLoop) { IsBackground = true, Name = "van-log-shipper" };
        _shipper.Start();
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Shipped => Interlocked.Read(ref _shipped);

    public void Write(string vanId, string level, string message)
    {
        if (!_pending.TryAdd(new VanLogLine(vanId, DateTime.UtcNow, level, message)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private void ShipLoop()
    {
        var batch = new List<VanLogLine>(_batchSize);
        foreach (var line in _pending.GetConsumingEnumerable())
        {
            batch.Add(line);
            while (batch.Count < _batchSize && _pending.TryTake(out var more))
            {
                batch.Add(more);
            }

            var shipment = batch.ToArray();
            batch.Clear();
            if (_post(shipment))
            {
                Interlocked.Add(ref _shipped, shipment.Length);
            }
            else
            {
                Interlocked.Add(ref _dropped, shipment.Length);
            }
        }
    }

    public void Dispose()
    {
        _pending.CompleteAdding();
        _shipper.Join(TimeSpan.FromSeconds(10));
    }
}
