import Projections

extension Projector: ProjectionProgress {}
