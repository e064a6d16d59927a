using System.Numerics;

namespace Boids.Simulation;

public struct Agent
{
    public Vector2 Position;
    public Vector2 Velocity;
}

/// <summary>Uniform grid that buckets agents by position for neighbour queries.</summary>
public sealed class SpatialGrid
{
    private readonly List<int>[] _cells;
    private readonly int _columns;
    private readonly int _rows;
    private readonly float _cellSize;

    public SpatialGrid(float worldWidth, float worldHeight, float cellSize)
    {
        _cellSize = cellSize;
        _columns = Math.Max(1, (int)MathF.Ceiling(worldWidth / cellSize));
        _rows = Math.Max(1, (int)MathF.Ceiling(worldHeight / cellSize));
        _cells = new List<int>[_columns * _rows];
        for (int i = 0; i < _cells.Length; i++)
        {
            _cells[i] = new List<int>();
        }
    }

    public void Rebuild(Agent[] agents)
    {
        foreach (var cell in _cells)
        {
            cell.Clear();
        }

        Parallel.For(0, agents.Length, i =>
        {
            var cellIndex = CellIndexOf(agents[i].Position);
            _cells[cellIndex].Add(i);
        });
    }

    public void CollectNeighbours(Vector2 position, List<int> result)
    {
        int cx = Math.Clamp((int)(position.X / _cellSize), 0, _columns - 1);
        int cy = Math.Clamp((int)(position.Y / _cellSize), 0, _rows - 1);
        for (int y = Math.Max(0, cy - 1); y <= Math.Min(_rows - 1, cy + 1); y++)
        {
            for (int x = Math.Max(0, cx - 1); x <= Math.Min(_columns - 1, cx + 1); x++)
            {
                result.AddRange(_cells[y * _columns + x]);
            }
        }
    }

    private int CellIndexOf(Vector2 position)
    {
        int cx = Math.Clamp((int)(position.X / _cellSize), 0, _columns - 1);
        int cy = Math.Clamp((int)(position.Y / _cellSize), 0, _rows - 1);
        return cy * _columns + cx;
    }
}

/// <summary>Runs the flocking rules for all agents, one fixed time step per tick.</summary>
public sealed class FlockSimulation
{
    private readonly SpatialGrid _grid;
    private Agent[] _current;
    private Agent[] _next;

    public FlockSimulation(Agent[] agents, float worldWidth, float worldHeight)
    {
        _current = agents;
        _next = new Agent[agents.Length];
        _grid = new SpatialGrid(worldWidth, worldHeight, cellSize: 25f);
    }

    public ReadOnlySpan<Agent> Agents => _current;

    public void Tick(float dt)
    {
        var current = _current;
        var next = _next;
        _grid.Rebuild(current);

        Parallel.For(0, current.Length, () => new List<int>(64), (i, _, neighbours) =>
        {
            neighbours.Clear();
            _grid.CollectNeighbours(current[i].Position, neighbours);

            var centre = Vector2.Zero;
            foreach (var j in neighbours)
            {
                centre += current[j].Position;
            }

            var self = current[i];
            if (neighbours.Count > 0)
            {
                self.Velocity += (centre / neighbours.Count - self.Position) * 0.01f;
            }

            self.Position += self.Velocity * dt;
            next[i] = self;
            return neighbours;
        }, static _ => { });

        _current = next;
        _next = current;
    }
}
