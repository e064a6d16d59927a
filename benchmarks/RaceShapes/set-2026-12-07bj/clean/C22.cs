using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.PuzzleHunt.Answers
{
    public sealed record AnswerSubmission(string IdempotencyKey, string Team, string Puzzle, string Answer);

    public sealed record AnswerOutcome(bool Correct, int PointsAwarded, DateTimeOffset JudgedAt);

    /// <summary>
    /// Judges answer submissions. Phones on flaky hotel Wi-Fi often resend the same
    /// submission, so each idempotency key is judged once and replays get the original
    /// outcome. Shared across all request threads.
    /// </summary>
    public sealed class AnswerJudge
    {
        private sealed class TeamScore
        {
            public int Points;
        }

        private readonly ConcurrentDictionary<string, Task<AnswerOutcome>> _byKey = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, TeamScore> _scores = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<(string Team, string Puzzle), bool> _solved = new();
        private readonly Func<string, string, bool> _checkAnswer;

        public AnswerJudge(Func<string, string, bool> checkAnswer)
        {
            _checkAnswer = checkAnswer;
        }

        public Task<AnswerOutcome> SubmitAsync(AnswerSubmission submission)
        {
            var pending = new TaskCompletionSource<AnswerOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            var winner = _byKey.GetOrAdd(submission.IdempotencyKey, pending.Task);
            if (!ReferenceEquals(winner, pending.Task))
            {
                return winner;
            }

            try
            {
                pending.SetResult(Judge(submission));
            }
            catch (Exception ex)
            {
                pending.SetException(ex);
            }

            return pending.Task;
        }

        private AnswerOutcome Judge(AnswerSubmission submission)
        {
            bool correct = _checkAnswer(submission.Puzzle, submission.Answer);
            int points = 0;
            if (correct && _solved.TryAdd((submission.Team, submission.Puzzle), true))
            {
                points = 10;
                var score = _scores.GetOrAdd(submission.Team, _ => new TeamScore());
                Interlocked.Add(ref score.Points, points);
            }

            return new AnswerOutcome(correct, points, DateTimeOffset.UtcNow);
        }

        public int ScoreFor(string team) =>
            _scores.TryGetValue(team, out var score) ? Volatile.Read(ref score.Points) : 0;
    }
}
