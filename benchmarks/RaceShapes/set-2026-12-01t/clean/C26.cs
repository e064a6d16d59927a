using System.Collections.Concurrent;
using System.Text;

namespace Vending.TelemetryUpload;

public readonly record struct MachineSample(string MachineId, double CabinetTempC, int CoinTubeCents, bool DoorOpen, DateTimeOffset At);

public interface ITelemetryUploader
{
    void Upload(string ndjson);
}

/// <summary>
/// Buffers telemetry from the machines on the route and uploads it in batches
/// once a minute. Samples arrive from the cellular modem callbacks on any thread.
/// </summary>
public sealed class TelemetryBatcher : IDisposable
{
    private readonly ConcurrentQueue<MachineSample> _buffer = new();
    private readonly ITelemetryUploader _uploader;
    private readonly System.Timers.Timer _timer;
    private readonly object _flushLock = new();
    private long _uploadedSamples;

    public TelemetryBatcher(ITelemetryUploader uploader)
    {
        _uploader = uploader;
        _timer = new System.Timers.Timer(TimeSpan.FromMinutes(1).TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += (_, _) => Flush();
        _timer.Start();
    }

    public long UploadedSamples => Interlocked.Read(ref _uploadedSamples);

    public void Add(MachineSample sample) => _buffer.Enqueue(sample);

    public void Flush()
    {
        lock (_flushLock)
        {
            var sb = new StringBuilder();
            int count = 0;
            while (count < 5000 && _buffer.TryDequeue(out var s))
            {
                sb.Append("{\"machine\":\"").Append(s.MachineId)
                  .Append("\",\"temp\":").Append(s.CabinetTempC.ToString("F1", System.Globalization.CultureInfo.InvariantCulture))
                  .Append(",\"coins\":").Append(s.CoinTubeCents)
                  .Append(",\"door\":").Append(s.DoorOpen ? "true" : "false")
                  .Append(",\"at\":\"").Append(s.At.ToString("O")).Append("\"}\n");
                count++;
            }

            if (count == 0)
            {
                return;
            }

            _uploader.Upload(sb.ToString());
            Interlocked.Add(ref _uploadedSamples, count);
        }
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
        Flush();
    }
}
