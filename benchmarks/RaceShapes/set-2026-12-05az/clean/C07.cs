using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.SaltMarsh.Survey;

[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct PaddedCounter
{
    [FieldOffset(0)]
    public long Value;
}

/// <summary>
/// Counts wading-bird sightings logged by volunteer survey tablets across the
/// salt marsh. Many upload handlers call <see cref="Record"/> concurrently;
/// the reserve's visitor-centre screen reads the total.
/// </summary>
public sealed class BirdSightingCounter
{
    private readonly PaddedCounter[] _shards;
    private readonly int _mask;

    public BirdSightingCounter(int shardCount = 16)
    {
        if ((shardCount & (shardCount - 1)) != 0)
        {
            throw new ArgumentException("Shard count must be a power of two.", nameof(shardCount));
        }

        _shards = new PaddedCounter[shardCount];
        _mask = shardCount - 1;
    }

    public void Record(int birds = 1)
    {
        int index = Environment.CurrentManagedThreadId & _mask;
        Interlocked.Add(ref _shards[index].Value, birds);
    }

    public long Total()
    {
        long total = 0;
        for (int i = 0; i < _shards.Length; i++)
        {
            total += Interlocked.Read(ref _shards[i].Value);
        }

        return total;
    }

    /// <summary>Returns the count since the last call and starts a new survey period.</summary>
    public long Harvest()
    {
        long total = 0;
        for (int i = 0; i < _shards.Length; i++)
        {
            total += Interlocked.Exchange(ref _shards[i].Value, 0);
        }

        return total;
    }
}

public sealed record SurveyUpload(string VolunteerId, string Transect, int Redshank, int Curlew, int LittleEgret);

/// <summary>
/// Accepts uploads from the survey tablets.
/// </summary>
public sealed class SurveyUploadHandler
{
    private readonly BirdSightingCounter _counter;

    public SurveyUploadHandler(BirdSightingCounter counter) => _counter = counter;

    public Task HandleAsync(SurveyUpload[] uploads) => Parallel.ForEachAsync(uploads, (upload, _) =>
    {
        int birds = upload.Redshank + upload.Curlew + upload.LittleEgret;
        if (birds > 0)
        {
            _counter.Record(birds);
        }

        return ValueTask.CompletedTask;
    });
}
