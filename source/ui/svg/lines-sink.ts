import {createContext} from 'react';
import type {Segment} from '../segments.js';

/** Told the lines a chart pane just drew, exactly as they went to the terminal, and their width. */
export type LinesSink = (lines: readonly Segment[][], width: number) => void;

/** Set by the dashboard around the timeline's hosted pane; SegmentLines reports what it draws to it. */
export const LinesSinkContext = createContext<LinesSink | undefined>(undefined);
