using System.Text;

namespace Blind46.CiderPress.Labels;

public sealed record BottleBatch(string Orchard, string Variety, int PressingYear, double AbvPercent, int Bottles);

/// <summary>
/// Builds the text for bottle labels and assigns label serial numbers. Used from the
/// bottling line's worker threads and from the shop's label-reprint endpoint.
/// </summary>
public static class BottleLabelText
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static long s_nextSerial;

    public static long NextSerial() => Interlocked.Increment(ref s_nextSerial);

    public static string Build(BottleBatch batch, long serial)
    {
        var sb = t_builder ??= new StringBuilder(128);
        sb.Clear();

        sb.Append(batch.Orchard.ToUpperInvariant())
          .Append(" · ")
          .Append(batch.Variety)
          .Append(" · ")
          .Append(batch.PressingYear)
          .Append(" · ")
          .Append(batch.AbvPercent.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))
          .Append("% ABV · No. ")
          .Append(serial.ToString("D7"));

        string text = sb.ToString();
        if (sb.Capacity > 1024)
            t_builder = null;
        return text;
    }
}

public sealed class BottlingLine
{
    private readonly Action<string> _printLabel;

    public BottlingLine(Action<string> printLabel) => _printLabel = printLabel;

    public void RunBatch(BottleBatch batch, int printers)
    {
        using var labels = new System.Collections.Concurrent.BlockingCollection<string>(boundedCapacity: 64);

        var producer = Task.Run(() =>
        {
            try
            {
                for (int i = 0; i < batch.Bottles; i++)
                    labels.Add(BottleLabelText.Build(batch, BottleLabelText.NextSerial()));
            }
            finally
            {
                labels.CompleteAdding();
            }
        });

        var consumers = Enumerable.Range(0, printers)
            .Select(_ => Task.Run(() =>
            {
                foreach (var label in labels.GetConsumingEnumerable())
                    _printLabel(label);
            }))
            .ToArray();

        Task.WaitAll(consumers.Append(producer).ToArray());
    }
}
