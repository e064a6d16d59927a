using System.Globalization;
using System.Text;

namespace Blind64.Cricket.Commentary
{
    public sealed record BallEvent(int Over, int Ball, string Bowler, string Batter, int Runs, bool Wicket, string? Extra);

    /// <summary>
    /// Formats ball-by-ball commentary lines for the live text feed. Called directly from
    /// request handlers and from the push-notification fan-out; reuses one builder per thread.
    /// </summary>
    public static class BallByBallFormatter
    {
        [ThreadStatic]
        private static StringBuilder? t_builder;

        private static StringBuilder Acquire()
        {
            var sb = t_builder ??= new StringBuilder(128);
            sb.Clear();
            return sb;
        }

        public static string Format(BallEvent e)
        {
            var sb = Acquire();
            sb.Append(e.Over.ToString(CultureInfo.InvariantCulture))
              .Append('.')
              .Append(e.Ball.ToString(CultureInfo.InvariantCulture))
              .Append(' ')
              .Append(e.Bowler)
              .Append(" to ")
              .Append(e.Batter)
              .Append(", ");

            if (e.Wicket)
            {
                sb.Append("OUT!");
            }
            else if (e.Extra is not null)
            {
                sb.Append(e.Runs).Append(' ').Append(e.Extra);
            }
            else
            {
                sb.Append(e.Runs switch
                {
                    0 => "no run",
                    1 => "1 run",
                    4 => "FOUR",
                    6 => "SIX",
                    var n => $"{n} runs",
                });
            }

            return sb.ToString();
        }
    }

    /// <summary>Pushes each ball to subscribed devices in parallel batches.</summary>
    public sealed class CommentaryFanOut
    {
        private readonly Func<string, string, Task> _send;

        public CommentaryFanOut(Func<string, string, Task> send) => _send = send;

        public Task PushAsync(BallEvent e, IReadOnlyList<string> deviceTokens)
        {
            var perDevice = deviceTokens
                .AsParallel()
                .WithDegreeOfParallelism(4)
                .Select(token => (token, text: BallByBallFormatter.Format(e)))
                .ToList();

            return Task.WhenAll(perDevice.Select(p => _send(p.token, p.text)));
        }
    }
}
