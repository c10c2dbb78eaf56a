"""The pipeline: the declared stages (``stages``), what travels through them (``work``), the corpus-wide
reduce (``corpus``), the models they share (``components``) and the run loop (``run``)."""

from newsloom.pipeline.run import InProcess, Mapper, Pipeline
from newsloom.pipeline.stages import STAGES, Stage, replace_stage, select_stages
from newsloom.pipeline.work import RunReport, Work

__all__ = ["STAGES", "InProcess", "Mapper", "Pipeline", "RunReport", "Stage", "Work", "replace_stage",
           "select_stages"]
