namespace Blind32.QuiltingBee.Squares;

/// <summary>
/// Tracks which quilter is working on which square of the group quilt.
/// Members claim and release squares from the bee's web page, so the board
/// is a singleton whose methods are called from many request threads.
/// </summary>
public sealed class SquareAssignmentBoard
{
    private readonly object _sync = new();
    private readonly Dictionary<int, string> _assignments = new();
    private readonly int _squareCount;

    public SquareAssignmentBoard(int squareCount) => _squareCount = squareCount;

    public bool TryClaim(int square, string quilter)
    {
        if (square < 0 || square >= _squareCount)
            throw new ArgumentOutOfRangeException(nameof(square));

        lock (_sync)
        {
            if (_assignments.ContainsKey(square))
                return false;
            _assignments[square] = quilter;
            return true;
        }
    }

    public bool Release(int square, string quilter)
    {
        lock (_assignments)
        {
            if (_assignments.TryGetValue(square, out var owner) && owner == quilter)
            {
                _assignments.Remove(square);
                return true;
            }
            return false;
        }
    }

    public IReadOnlyList<int> OpenSquares()
    {
        lock (_sync)
        {
            return Enumerable.Range(0, _squareCount)
                .Where(i => !_assignments.ContainsKey(i))
                .ToList();
        }
    }

    public string? OwnerOf(int square)
    {
        lock (_sync)
        {
            return _assignments.TryGetValue(square, out var owner) ? owner : null;
        }
    }
}

/// <summary>Endpoints used by the bee's sign-up page.</summary>
public sealed class QuiltSignupController
{
    private readonly SquareAssignmentBoard _board;

    public QuiltSignupController(SquareAssignmentBoard board) => _board = board;

    public string Claim(int square, string quilter) =>
        _board.TryClaim(square, quilter) ? "claimed" : $"taken by {_board.OwnerOf(square)}";

    public string Finish(int square, string quilter) =>
        _board.Release(square, quilter) ? "released" : "not yours";
}
