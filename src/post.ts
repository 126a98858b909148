import { runPost } from './app/post.js'

void runPost()
