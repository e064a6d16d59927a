using System.Text;

namespace Blind27.MuseumConservation.Humidity;

/// <summary>
/// Write-ahead log of relative-humidity set-point changes in the conservation lab's
/// display cases. Entries are appended by the case controllers and periodically
/// checkpointed to durable storage by a timer.
/// </summary>
public sealed class HumidityChangeLog : IDisposable
{
    private readonly object _sync = new();
    private readonly MemoryStream _buffer = new();
    private readonly Stream _durable;
    private readonly Timer _checkpointTimer;
    private long _appended;
    private long _checkpointed;

    public HumidityChangeLog(Stream durable, TimeSpan checkpointInterval)
    {
        _durable = durable;
        _checkpointTimer = new Timer(_ => Checkpoint(), null, checkpointInterval, checkpointInterval);
    }

    public long Append(string caseId, double fromPercent, double toPercent, string conservator)
    {
        var line = Encoding.UTF8.GetBytes($"{DateTime.UtcNow:O}|{caseId}|{fromPercent:F1}|{toPercent:F1}|{conservator}\n");
        lock (_sync)
        {
            _buffer.Write(line, 0, line.Length);
            return ++_appended;
        }
    }

    /// <summary>Number of entries made durable so far.</summary>
    public long CheckpointedCount
    {
        get
        {
            lock (_sync)
            {
                return _checkpointed;
            }
        }
    }

    internal void Checkpoint()
    {
        lock (_sync)
        {
            if (_buffer.Length == 0)
            {
                return;
            }

            _buffer.Position = 0;
            _buffer.CopyTo(_durable);
            _durable.Flush();
            _buffer.SetLength(0);
            _checkpointed = _appended;
        }
    }

    public void Dispose()
    {
        _checkpointTimer.Dispose();
        Checkpoint();
    }
}

/// <summary>Display-case controller that reports set-point changes.</summary>
public sealed class DisplayCaseController
{
    private readonly HumidityChangeLog _log;
    private readonly string _caseId;

    public DisplayCaseController(HumidityChangeLog log, string caseId)
    {
        _log = log;
        _caseId = caseId;
    }

    public Task AdjustAsync(double from, double to, string conservator) =>
        Task.Run(() => _log.Append(_caseId, from, to, conservator));
}
