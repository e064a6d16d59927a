using System.Collections.Concurrent;
using System.Text;

namespace Blind.C16;

/// <summary>
/// Describes a metric instrument. Descriptors are created at start-up and then read
/// by every thread that records measurements.
/// </summary>
public sealed class MetricDescriptor
{
    private readonly string _meter;
    private readonly string _instrument;
    private readonly string _unit;
    private readonly string[] _tagKeys;
    private string? _exportName;

    public MetricDescriptor(string meter, string instrument, string unit, params string[] tagKeys)
    {
        _meter = meter;
        _instrument = instrument;
        _unit = unit;
        _tagKeys = tagKeys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Prometheus-style name, e.g. <c>http_server_request_duration_seconds</c>.
    /// </summary>
    public string ExportName => _exportName ??= ComputeExportName();

    public string TagKeyList => string.Join(',', _tagKeys);

    private string ComputeExportName()
    {
        var sb = new StringBuilder();
        foreach (char c in _meter + "." + _instrument)
        {
            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        if (_unit.Length > 0)
        {
            sb.Append('_').Append(_unit.ToLowerInvariant());
        }

        return sb.ToString();
    }
}

/// <summary>
/// Accumulates measurements keyed by export name.
/// </summary>
public sealed class MeasurementSink
{
    private readonly ConcurrentDictionary<string, double> _totals = new(StringComparer.Ordinal);

    public void Add(MetricDescriptor descriptor, double value) =>
        _totals.AddOrUpdate(descriptor.ExportName, value, (_, total) => total + value);

    public double Total(MetricDescriptor descriptor) =>
        _totals.TryGetValue(descriptor.ExportName, out var total) ? total : 0;

    public static MeasurementSink Replay(MetricDescriptor descriptor, IReadOnlyList<double> values)
    {
        var sink = new MeasurementSink();
        Parallel.ForEach(values, v => sink.Add(descriptor, v));
        return sink;
    }
}
