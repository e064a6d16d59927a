namespace Blind38.OrganBuilding.Voicing;

public readonly record struct Pipe(string Rank, int Note, double LengthMm, double DiameterMm, bool Stopped);

/// <summary>
/// Produces the voicing report the workshop prints before a rank goes into the chest:
/// a histogram of pitch deviation from the target temperament, in cents.
/// </summary>
public static class VoicingReport
{
    private const double SpeedOfSoundMmPerSec = 343_000.0;

    public static int[] DeviationHistogram(IReadOnlyList<Pipe> pipes, double a4Hz, int buckets, double maxCents)
    {
        var histogram = new int[buckets];

        Parallel.ForEach(pipes, pipe =>
        {
            var actual = SoundingFrequency(pipe);
            var target = TargetFrequency(pipe.Note, a4Hz);
            var cents = 1200.0 * Math.Log2(actual / target);
            var bucket = BucketFor(cents, buckets, maxCents);
            histogram[bucket]++;
        });

        return histogram;
    }

    public static string Render(int[] histogram, double maxCents)
    {
        var sb = new System.Text.StringBuilder();
        var width = 2 * maxCents / histogram.Length;
        for (var i = 0; i < histogram.Length; i++)
        {
            var from = -maxCents + i * width;
            sb.Append($"{from,7:F1}c ").Append('#', Math.Min(histogram[i], 60)).AppendLine();
        }

        return sb.ToString();
    }

    private static double SoundingFrequency(Pipe pipe)
    {
        // End correction for an open flue pipe is roughly 0.6 of the diameter at each end.
        var effectiveLength = pipe.LengthMm + 0.6 * pipe.DiameterMm * (pipe.Stopped ? 1 : 2);
        var divisor = pipe.Stopped ? 4.0 : 2.0;
        return SpeedOfSoundMmPerSec / (divisor * effectiveLength);
    }

    private static double TargetFrequency(int midiNote, double a4Hz) =>
        a4Hz * Math.Pow(2, (midiNote - 69) / 12.0);

    private static int BucketFor(double cents, int buckets, double maxCents)
    {
        var clamped = Math.Clamp(cents, -maxCents, maxCents - 1e-9);
        return (int)((clamped + maxCents) / (2 * maxCents) * buckets);
    }
}
