using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Blind28.Rodeo.Scoring;

/// <summary>
/// Counts judges' score submissions per arena so the stewards can see when a judge's
/// tablet has dropped off. Added to the pipeline with UseMiddleware, so one instance
/// serves every request.
/// </summary>
public sealed class JudgeSubmissionMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<JudgeSubmissionMiddleware> _logger;
    private readonly Dictionary<string, int> _submissionsByArena = new(StringComparer.OrdinalIgnoreCase);

    public JudgeSubmissionMiddleware(RequestDelegate next, ILogger<JudgeSubmissionMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.StartsWithSegments("/scores", out var remaining))
        {
            var arena = remaining.Value?.Trim('/').Split('/')[0];
            if (!string.IsNullOrEmpty(arena))
            {
                _submissionsByArena.TryGetValue(arena, out var count);
                _submissionsByArena[arena] = count + 1;
                if ((count + 1) % 50 == 0)
                {
                    _logger.LogInformation("Arena {Arena} has received {Count} score submissions", arena, count + 1);
                }
            }
        }

        await _next(context);
    }
}

/// <summary>Pipeline registration for the scoring site.</summary>
public static class JudgeSubmissionMiddlewareExtensions
{
    /// <summary>
    /// Adds submission counting in front of the score endpoints. Call before MapControllers.
    /// </summary>
    public static IApplicationBuilder UseJudgeSubmissionCounting(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<JudgeSubmissionMiddleware>();
    }
}
