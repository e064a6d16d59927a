using System;
using System.Collections.Generic;
using System.Linq;

namespace Blind16.DogWalking.Reviews;

public sealed record WalkReview(Guid WalkId, Guid WalkerId, int Stars, string? Comment, DateTimeOffset PostedAt);

public sealed record WalkerRating(Guid WalkerId, double Average, int ReviewCount, IReadOnlyList<string> RecentComments);

/// <summary>
/// Keeps walker ratings for the marketplace search results. Registered as a
/// singleton; owners post reviews and the search API reads ratings concurrently.
/// </summary>
public sealed class WalkerRatingBook
{
    private const int RecentCommentLimit = 5;

    private readonly object _sync = new();
    private readonly Dictionary<Guid, (int Total, int Count)> _totals = new();
    private readonly Dictionary<Guid, LinkedList<string>> _recentComments = new();
    private readonly HashSet<Guid> _reviewedWalks = new();

    public bool Post(WalkReview review)
    {
        if (review.Stars is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(review), "Stars must be 1-5.");
        }

        lock (_sync)
        {
            if (!_reviewedWalks.Add(review.WalkId))
            {
                return false;
            }

            _totals.TryGetValue(review.WalkerId, out var t);
            _totals[review.WalkerId] = (t.Total + review.Stars, t.Count + 1);

            if (!string.IsNullOrWhiteSpace(review.Comment))
            {
                if (!_recentComments.TryGetValue(review.WalkerId, out var comments))
                {
                    comments = new LinkedList<string>();
                    _recentComments[review.WalkerId] = comments;
                }

                comments.AddFirst(review.Comment.Trim());
                if (comments.Count > RecentCommentLimit)
                {
                    comments.RemoveLast();
                }
            }

            return true;
        }
    }

    public WalkerRating? Get(Guid walkerId)
    {
        lock (_sync)
        {
            if (!_totals.TryGetValue(walkerId, out var t))
            {
                return null;
            }

            var comments = _recentComments.TryGetValue(walkerId, out var list)
                ? list.ToArray()
                : Array.Empty<string>();

            return new WalkerRating(walkerId, Math.Round((double)t.Total / t.Count, 2), t.Count, comments);
        }
    }

    public IReadOnlyList<Guid> TopRated(int count, int minimumReviews = 3)
    {
        lock (_sync)
        {
            return _totals
                .Where(p => p.Value.Count >= minimumReviews)
                .OrderByDescending(p => (double)p.Value.Total / p.Value.Count)
                .Take(count)
                .Select(p => p.Key)
                .ToList();
        }
    }
}
