using System.Text;

namespace Blind26.SeedVault.Germination;

/// <summary>
/// Write-ahead log for germination test results. Lab stations append concurrently;
/// a checkpoint job writes the accumulated records to the durable segment file.
/// </summary>
public sealed class GerminationLog
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private readonly Stream _segment;
    private MemoryStream _active = new();
    private MemoryStream _standby = new();
    private long _nextLsn = 1;
    private long _durableLsn;

    public GerminationLog(Stream segment)
    {
        _segment = segment;
    }

    public long Append(string accession, int seedsSown, int seedsGerminated)
    {
        byte[] payload = Encoding.UTF8.GetBytes($"{accession};{seedsSown};{seedsGerminated}\n");
        lock (_gate)
        {
            long lsn = _nextLsn++;
            _active.Write(BitConverter.GetBytes(lsn));
            _active.Write(payload);
            return lsn;
        }
    }

    public long DurableLsn
    {
        get
        {
            lock (_gate)
            {
                return _durableLsn;
            }
        }
    }

    public async Task CheckpointAsync(CancellationToken ct)
    {
        await _checkpointGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            MemoryStream sealedBuffer;
            long upTo;
            lock (_gate)
            {
                if (_active.Length == 0)
                {
                    return;
                }

                sealedBuffer = _active;
                _active = _standby;
                upTo = _nextLsn - 1;
            }

            await _segment.WriteAsync(sealedBuffer.GetBuffer().AsMemory(0, (int)sealedBuffer.Length), ct)
                .ConfigureAwait(false);
            await _segment.FlushAsync(ct).ConfigureAwait(false);
            sealedBuffer.SetLength(0);

            lock (_gate)
            {
                _standby = sealedBuffer;
                _durableLsn = upTo;
            }
        }
        finally
        {
            _checkpointGate.Release();
        }
    }
}

/// <summary>Runs <see cref="GerminationLog.CheckpointAsync"/> on a fixed cadence.</summary>
public sealed class GerminationCheckpointLoop
{
    private readonly GerminationLog _log;

    public GerminationCheckpointLoop(GerminationLog log) => _log = log;

    public async Task RunAsync(TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            await _log.CheckpointAsync(ct).ConfigureAwait(false);
        }
    }
}
