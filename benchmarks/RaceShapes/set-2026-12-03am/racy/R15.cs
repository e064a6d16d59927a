using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.PaperMill.Labels;

public sealed record Ream(string Mill, string Grade, int GramsPerSquareMetre, int Sheets, string Lot);

/// <summary>
/// Formats and sends the label printed on each ream wrapper. One writer is shared by
/// all packing-line workers; the builder is cached per thread to avoid allocations.
/// </summary>
public sealed class ReamLabelWriter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private readonly Encoding _encoding = Encoding.ASCII;

    public async Task WriteAsync(Ream ream, Stream printer, CancellationToken ct)
    {
        var sb = t_builder ??= new StringBuilder(128);

        sb.Clear();
        sb.Append(ream.Mill).Append(" / ").Append(ream.Grade).Append('\n');
        await printer.WriteAsync(_encoding.GetBytes(sb.ToString()), ct);

        sb.Clear();
        sb.Append(ream.GramsPerSquareMetre).Append(" g/m2   ").Append(ream.Sheets).Append(" sheets\n");
        sb.Append("LOT ").Append(ream.Lot).Append('\n');
        await printer.WriteAsync(_encoding.GetBytes(sb.ToString()), ct);
        await printer.FlushAsync(ct);
    }
}

/// <summary>Prints the labels for a finished shift, several printers at once.</summary>
public sealed class PackingLine
{
    private readonly ReamLabelWriter _writer;
    private readonly Func<Ream, Stream> _openPrinter;

    public PackingLine(ReamLabelWriter writer, Func<Ream, Stream> openPrinter)
    {
        _writer = writer;
        _openPrinter = openPrinter;
    }

    public Task PrintShiftAsync(IEnumerable<Ream> reams, CancellationToken ct)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        return Parallel.ForEachAsync(reams, options, async (ream, token) =>
        {
            await using var printer = _openPrinter(ream);
            await _writer.WriteAsync(ream, printer, token);
        });
    }
}
