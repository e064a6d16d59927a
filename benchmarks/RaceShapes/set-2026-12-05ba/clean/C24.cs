using System.Collections.Concurrent;

namespace Blind53.BridgeInspections.Uploads;

public sealed class SensorUpload
{
    public SensorUpload(string bridge, string sensor, byte[] payload)
    {
        Bridge = bridge;
        Sensor = sensor;
        Payload = payload;
    }

    public string Bridge { get; }

    public string Sensor { get; }

    public byte[] Payload { get; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// Work queue that uploads strain-gauge and vibration recordings from bridge loggers to the
/// asset database. Failed uploads are retried a few times and then dead-lettered.
/// </summary>
public sealed class SensorUploadQueue : IDisposable
{
    private readonly BlockingCollection<SensorUpload> _queue = new(new ConcurrentQueue<SensorUpload>(), boundedCapacity: 500);
    private readonly ConcurrentQueue<SensorUpload> _deadLetters = new();
    private readonly Func<SensorUpload, bool> _upload;
    private readonly int _maxAttempts;
    private readonly Thread[] _workers;
    private long _succeeded;

    public SensorUploadQueue(Func<SensorUpload, bool> upload, int workers, int maxAttempts)
    {
        _upload = upload;
        _maxAttempts = maxAttempts;
        _workers = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"upload-{i}" };
            _workers[i].Start();
        }
    }

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public IReadOnlyCollection<SensorUpload> DeadLetters => _deadLetters.ToArray();

    public bool Enqueue(SensorUpload upload) => _queue.TryAdd(upload, TimeSpan.FromSeconds(5));

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item.Attempts++;
            bool ok;
            try
            {
                ok = _upload(item);
            }
            catch (IOException ex)
            {
                item.LastError = ex.Message;
                ok = false;
            }

            if (ok)
            {
                Interlocked.Increment(ref _succeeded);
            }
            else if (item.Attempts >= _maxAttempts || !TryRequeue(item))
            {
                _deadLetters.Enqueue(item);
            }
        }
    }

    private bool TryRequeue(SensorUpload item)
    {
        try
        {
            return _queue.TryAdd(item);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public void Complete()
    {
        _queue.CompleteAdding();
        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            Complete();
        }

        _queue.Dispose();
    }
}
