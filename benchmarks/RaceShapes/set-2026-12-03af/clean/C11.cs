using System.Globalization;
using System.Text;

namespace Blind32.SaddleMaker.Labels;

public sealed record SaddleTree(string Maker, string Gullet, int SeatInches, DateOnly Built, int Serial);

/// <summary>
/// Builds the engraving text for saddle-tree labels. Called from the label
/// printer queue and the web shop on many threads at once.
/// </summary>
public static class TreeLabelWriter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Write(SaddleTree tree)
    {
        var sb = t_builder ??= new StringBuilder(64);
        sb.Clear();

        sb.Append(tree.Maker.ToUpperInvariant());
        sb.Append(" | ");
        sb.Append(tree.Gullet);
        sb.Append(" gullet | ");
        sb.Append(tree.SeatInches.ToString(CultureInfo.InvariantCulture));
        sb.Append("in | ");
        sb.Append(tree.Built.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        sb.Append(" | #");
        sb.Append(tree.Serial.ToString("D6", CultureInfo.InvariantCulture));

        var text = sb.ToString();
        if (sb.Capacity > 1024)
            t_builder = null;
        return text;
    }
}

/// <summary>Prints labels for a batch of trees using the thread pool.</summary>
public sealed class LabelPrintQueue
{
    private readonly Action<string> _printer;
    private int _printed;

    public LabelPrintQueue(Action<string> printer) => _printer = printer;

    public int Printed => Volatile.Read(ref _printed);

    public async Task PrintAsync(IEnumerable<SaddleTree> trees, CancellationToken ct)
    {
        var labels = await Task.WhenAll(trees.Select(tree => Task.Run(() => TreeLabelWriter.Write(tree), ct)));
        foreach (var label in labels)
        {
            _printer(label);
            Interlocked.Increment(ref _printed);
        }
    }
}
