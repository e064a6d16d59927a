using System.Text;
using Microsoft.AspNetCore.Http;

namespace Blind50.PrintShop.Labels;

public sealed record ShippingLabel(string OrderId, string Recipient, string Address, int Copies);

/// <summary>
/// Renders shipping labels for the print shop's mail-order jobs in parallel. Each worker thread
/// reuses its own string builder, so a large run does not allocate one per label.
/// </summary>
public sealed class LabelRenderer : IDisposable
{
    private readonly ThreadLocal<StringBuilder> _builder = new(() => new StringBuilder(512));
    private readonly string _shopName;

    public LabelRenderer(string shopName) => _shopName = shopName;

    public string[] RenderAll(IReadOnlyList<ShippingLabel> labels)
    {
        var output = new string[labels.Count];
        Parallel.For(0, labels.Count, i =>
        {
            var sb = _builder.Value!;
            sb.Clear();
            var label = labels[i];
            sb.Append("FROM: ").AppendLine(_shopName);
            sb.Append("TO:   ").AppendLine(label.Recipient);
            foreach (var line in label.Address.Split(','))
            {
                sb.Append("      ").AppendLine(line.Trim());
            }

            sb.Append("REF:  ").Append(label.OrderId).Append(" x").Append(label.Copies);
            output[i] = sb.ToString();
        });

        return output;
    }

    public void Dispose() => _builder.Dispose();
}

/// <summary>Carries the print job id of the current request through to log lines.</summary>
public static class PrintJobContext
{
    private static readonly AsyncLocal<string?> s_jobId = new();

    public static string? JobId => s_jobId.Value;

    public static IDisposable Begin(string jobId)
    {
        var previous = s_jobId.Value;
        s_jobId.Value = jobId;
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly string? _previous;

        public Scope(string? previous) => _previous = previous;

        public void Dispose() => s_jobId.Value = _previous;
    }
}

/// <summary>Middleware that tags every request with the print job id from the header.</summary>
public sealed class PrintJobMiddleware
{
    private readonly RequestDelegate _next;

    public PrintJobMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        var jobId = context.Request.Headers["X-Print-Job"].FirstOrDefault() ?? Guid.NewGuid().ToString("N")[..8];
        using (PrintJobContext.Begin(jobId))
        {
            context.Response.Headers["X-Print-Job"] = jobId;
            await _next(context);
        }
    }
}

/// <summary>Writes log lines tagged with the current job.</summary>
public static class PrintLog
{
    public static void Write(string message) =>
        Console.WriteLine($"[{PrintJobContext.JobId ?? "-"}] {DateTime.Now:HH:mm:ss} {message}");
}
