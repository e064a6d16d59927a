namespace Blind36.OrganPipes.Tuning;

public sealed record PipeRecording(int PipeId, string Stop, double[] Samples, int SampleRate, double NominalHz);

public sealed record TuningResult(int PipeId, string Stop, double MeasuredHz, double Cents);

public interface IRecordingSource
{
    Task<PipeRecording> LoadAsync(int pipeId, CancellationToken ct);
}

/// <summary>
/// Measures every pipe of a stop after voicing and returns the results in the order
/// the pipe ids were given.
/// </summary>
public sealed class StopTuner
{
    private readonly IRecordingSource _source;

    public StopTuner(IRecordingSource source) => _source = source;

    public async Task<TuningResult[]> TuneAsync(IReadOnlyList<int> pipeIds, IProgress<int>? progress, CancellationToken ct)
    {
        var results = new TuningResult[pipeIds.Count];
        int done = 0;

        await Parallel.ForEachAsync(
            Enumerable.Range(0, pipeIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct },
            async (index, token) =>
            {
                var recording = await _source.LoadAsync(pipeIds[index], token).ConfigureAwait(false);
                double hz = EstimatePitch(recording);
                double cents = 1200 * Math.Log2(hz / recording.NominalHz);
                results[index] = new TuningResult(recording.PipeId, recording.Stop, Math.Round(hz, 2), Math.Round(cents, 1));

                progress?.Report(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);

        return results;
    }

    private static double EstimatePitch(PipeRecording r)
    {
        // Count upward zero crossings; good enough for steady flue tone.
        int crossings = 0;
        for (int i = 1; i < r.Samples.Length; i++)
        {
            if (r.Samples[i - 1] < 0 && r.Samples[i] >= 0)
                crossings++;
        }
        double seconds = (double)r.Samples.Length / r.SampleRate;
        return seconds > 0 ? crossings / seconds : 0;
    }
}
